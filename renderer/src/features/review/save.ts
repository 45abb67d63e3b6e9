/** Hands bytes to the browser as a download (Electron shows its save dialog for the same anchor). */
export function saveBytes(name: string, mime: string, parts: readonly BlobPart[]): void {
  const url = URL.createObjectURL(new Blob([...parts], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the blob after this handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
