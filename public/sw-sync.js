// Background Sync for Tandem's service worker (imported by the generated worker). When the
// browser fires the `tandem-sync` tag (the connection is back), the worker asks the open tabs
// to sync: the sync client and its token live in the page, never in the worker. With no tab
// open, nothing is lost: the outbox waits in IndexedDB and the next start sends it.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'tandem-sync') return
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((clients) => {
      for (const client of clients) client.postMessage({ type: 'tandem-background-sync' })
    }),
  )
})
