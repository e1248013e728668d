// Hands a file to the browser's downloads (a temporary link with a download name).

/**
 * @param {Blob|string|Uint8Array} data
 * @param {string} fileName
 * @param {string} [type]  MIME type when data is not a Blob
 */
export function download(data, fileName, type = 'application/octet-stream') {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is freed after the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
