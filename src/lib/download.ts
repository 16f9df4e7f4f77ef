// Saves generated text, or a file the server sent, through a Blob URL.
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the download in some browsers: give it a moment.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves generated text as a file (works offline, no server round trip). */
export function downloadText(filename: string, text: string, type: string): void {
  downloadBlob(filename, new Blob([text], { type }))
}
