// The projector and its notes window talk over a BroadcastChannel named after the workshop:
// the projector says which slide is on screen; the notes window asks for it when it opens and
// may move the slides on. Same origin only, nothing leaves the device. Where BroadcastChannel
// is missing, both still work alone (the notes window then says it cannot follow).

export interface SlidePosition {
  index: number
  count: number
}

type Message = { kind: 'show'; position: SlidePosition } | { kind: 'ask' } | { kind: 'go'; delta: number }

export interface PresenterChannel {
  show(position: SlidePosition): void
  ask(): void
  go(delta: number): void
  close(): void
}

export interface PresenterHandlers {
  onShow?: (position: SlidePosition) => void
  onAsk?: () => void
  onGo?: (delta: number) => void
}

function isMessage(data: unknown): data is Message {
  if (typeof data !== 'object' || data === null || !('kind' in data)) return false
  const m = data as Record<string, unknown>
  if (m.kind === 'ask') return true
  if (m.kind === 'go') return typeof m.delta === 'number' && Number.isInteger(m.delta)
  if (m.kind === 'show') {
    const p = m.position as Record<string, unknown> | null
    return typeof p === 'object' && p !== null && Number.isInteger(p.index) && Number.isInteger(p.count)
  }
  return false
}

/** The channel of one workshop's presentation, or undefined where the browser has none. */
export function openPresenterChannel(workshopId: string, handlers: PresenterHandlers): PresenterChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined
  const channel = new BroadcastChannel(`tandem-presenter-${workshopId}`)
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data
    if (!isMessage(data)) return
    if (data.kind === 'show') handlers.onShow?.(data.position)
    else if (data.kind === 'ask') handlers.onAsk?.()
    else handlers.onGo?.(data.delta)
  }
  const post = (message: Message) => channel.postMessage(message)
  return {
    show: (position) => post({ kind: 'show', position }),
    ask: () => post({ kind: 'ask' }),
    go: (delta) => post({ kind: 'go', delta }),
    close: () => channel.close(),
  }
}
