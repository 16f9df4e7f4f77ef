// Saves generated text as a file through a Blob URL (works offline, no server round trip).
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
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
