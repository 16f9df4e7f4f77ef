// The French sentences of the console API, in one place so they read alike. Every error body is
// { error, message } (DESIGN.md); the console shows the message when it has no translation.
export const CONSOLE_MESSAGES = {
  headerMissing: 'Cette demande ne vient pas de la console Tandem : elle est refusée.',
  signedOut: 'Vous n’êtes pas connecté, ou votre session a expiré. Connectez-vous de nouveau.',
  forbidden: 'Cette page est réservée aux coordinateurs de la structure.',
  notFound: 'Cette page n’existe pas, ou vous n’y avez pas accès.',
  wrongCredentials: 'Adresse e-mail ou mot de passe incorrect.',
  invalidCode: 'Ce code n’est pas valable. Vérifiez-le ou demandez un nouveau code à un coordinateur.',
  codeExpired: 'Ce code a expiré (il est valable 48 heures). Demandez un nouveau code à un coordinateur.',
  codeUsed: 'Ce code a déjà servi. Demandez un nouveau code à un coordinateur.',
  notCoordinator: 'Ce code est celui d’un agent ou d’un bénévole : il sert à relier une tablette (Réglages de l’application), pas à ouvrir la console.',
  emailRequired: 'Indiquez l’adresse e-mail avec laquelle vous vous connecterez.',
  emailTaken: 'Cette adresse e-mail est déjà celle d’une autre personne de la structure.',
  emailMismatch: 'Cette adresse e-mail n’est pas celle enregistrée pour ce code.',
  passwordTooShort: 'Le mot de passe doit compter au moins 12 caractères.',
  passwordTooLong: 'Le mot de passe est trop long (200 caractères au plus).',
  wrongPassword: 'Le mot de passe actuel est incorrect.',
  deactivated: 'Cette personne est désactivée. Réactivez-la d’abord.',
  selfDeactivation: 'Vous ne pouvez pas désactiver votre propre accès.',
  invalidBody: 'La demande est illisible. Rechargez la page et réessayez.',
  invalidPeriod: 'La période est invalide : choisissez une date de début et une date de fin (au plus 5 ans).',
  placesMediaType: 'Le fichier des lieux doit être envoyé tel quel (CSV ou JSON) depuis la console.',
  internal: 'Le serveur a rencontré une erreur. Réessayez dans quelques minutes.',
} as const

/** « Trop d'essais, réessayez dans N minutes. » */
export function tooManyAttempts(lockedForMs: number): string {
  const minutes = Math.max(1, Math.ceil(lockedForMs / 60_000))
  return `Trop d’essais, réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`
}
