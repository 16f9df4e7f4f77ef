// The one error type services and routes throw for an answer the client must understand: an HTTP
// status, a stable code and a French sentence the app may show as is (DESIGN.md: every error
// body is { error, message }), plus a few fields some errors add (lastMutationId, …).
export class ApiError extends Error {
  readonly statusCode: number
  readonly code: string
  readonly extra: Record<string, unknown>

  constructor(statusCode: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message)
    this.name = 'ApiError'
    this.statusCode = statusCode
    this.code = code
    this.extra = extra
  }

  body(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extra }
  }
}

/** The French sentences of the sync API, in one place so they read alike. */
export const MESSAGES = {
  invalidBody: 'La demande envoyée par l’application est illisible. Mettez l’application à jour ; si cela continue, signalez-le à votre coordinateur.',
  payloadTooLarge: 'L’envoi est trop volumineux pour le serveur. L’application doit l’envoyer en plusieurs fois.',
  tooManyMutations: 'L’envoi contient trop de modifications à la fois. L’application doit l’envoyer en plusieurs fois.',
  unsupportedEncoding: 'Le format de compression de l’envoi n’est pas accepté par le serveur (gzip seulement).',
  unsupportedMediaType: 'Le serveur attend des données au format JSON.',
  unauthorized: 'Cet appareil n’est pas reconnu par le serveur. Reliez-le de nouveau à votre structure avec un code.',
  deviceRevoked: 'Cet appareil a été retiré de votre structure. Demandez un nouveau code à votre coordinateur pour le relier de nouveau ; ce qui n’est pas encore envoyé reste sur la tablette.',
  appTooOld: 'Cette version de l’application est trop ancienne pour le serveur. Mettez l’application à jour (rechargez la page) : vos données restent sur la tablette.',
  serverTooOld: 'Le serveur n’accepte pas encore cette version de l’application. Vos données restent sur la tablette ; réessayez plus tard ou prévenez votre coordinateur.',
  mutationGap: 'Des modifications manquent entre deux envois. L’application va renvoyer ce qui manque.',
  invalidCode: 'Ce code n’est pas valable. Vérifiez-le ou demandez un nouveau code à votre coordinateur.',
  codeExpired: 'Ce code a expiré (il est valable 48 heures). Demandez un nouveau code à votre coordinateur.',
  codeUsed: 'Ce code a déjà servi : un code ne relie qu’un seul appareil. Demandez un nouveau code à votre coordinateur.',
  enrolmentLocked: 'Trop de codes erronés ont été essayés depuis cette connexion : la saisie est bloquée pendant 15 minutes. Vérifiez le code auprès de votre coordinateur.',
  tooManyRequests: 'Trop de tentatives en peu de temps. Patientez quelques minutes avant de réessayer.',
  notFound: 'Cette adresse n’existe pas sur le serveur.',
} as const
