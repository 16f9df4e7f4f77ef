// Stands in for vite-plugin-pwa's virtual module, which only exists in a real build.
// Component tests drive the service-worker wiring through connectServiceWorker() instead.
export function registerSW(): never {
  throw new Error('virtual:pwa-register is not available in component tests')
}
