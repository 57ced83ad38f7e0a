import type { ExportFile } from '../export/export-file';

/**
 * Saves a file built in the page: a Blob behind an object URL, clicked through a temporary
 * link. Nothing is uploaded anywhere (the CSP would forbid it anyway).
 */
export function downloadFile(file: Pick<ExportFile, 'parts' | 'mime'>, name: string): void {
  const blob = new Blob(file.parts as BlobPart[], { type: file.mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the Blob only after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves text (CSV unless told otherwise) as a file. */
export function downloadText(name: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  downloadFile({ parts: [text], mime }, name);
}
