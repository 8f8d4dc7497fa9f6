/**
 * Saves text as a file on the buyer's computer, without any network: a Blob, an object URL and a
 * link with `download`, clicked once. The URL is released a little later, once the browser has
 * started the download (releasing it at once can cancel the download in Chromium).
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
