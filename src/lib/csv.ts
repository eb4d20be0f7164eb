/** CSV text (RFC 4180 quoting) and a download helper, for the exports. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string | number): string {
  // Numbers are ours (a negative cosine must stay a number); strings may come from a share link.
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  const quote = /[",\r\n]/.test(text) || text !== String(value);
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * OWASP's CSV-injection rule: a spreadsheet runs a cell that starts with one of
 * these as a formula, so such text gets a leading apostrophe and is read as text.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
