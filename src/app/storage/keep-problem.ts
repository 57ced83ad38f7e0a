/**
 * Why the loaded data could not be kept in this browser, in plain words. The browser says
 * QuotaExceededError (a FileSystemSyncAccessHandle write: "No space available") when the
 * origin's storage is full.
 */
export function keepProblem(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  if (/quota|no space/i.test(text)) {
    return "This data could not be kept in this browser: the browser's storage for this page is full. It is shown until the page closes.";
  }
  return `This data could not be kept in this browser (${text.split('\n')[0]}). It is shown until the page closes.`;
}
