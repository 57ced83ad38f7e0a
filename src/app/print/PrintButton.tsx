import './print.css';

/**
 * Prints the page shown (the browser's print dialog, where "Save as PDF" makes the PDF). The
 * printout is light whatever the screen's theme: dark is dropped for the print and restored
 * after it.
 */
export function printPage(): void {
  const root = document.documentElement;
  const dark = root.classList.contains('dark');
  if (dark) {
    root.classList.remove('dark');
    window.addEventListener('afterprint', () => root.classList.add('dark'), { once: true });
  }
  window.print();
}

const buttonClass =
  'print-hide rounded-tremor-default border border-tremor-border px-3 py-1.5 text-tremor-default text-tremor-content-emphasis shadow-tremor-input outline-none hover:bg-tremor-background-subtle focus-visible:ring-2 focus-visible:ring-tremor-brand dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle';

export function PrintButton({ label = 'Print', testId = 'print-page' }: { label?: string; testId?: string }) {
  return (
    <button type="button" className={buttonClass} onClick={printPage} data-testid={testId}>
      {label}
    </button>
  );
}

/** A link-like button to another view (the finance pack), styled as the Print button. */
export function PrintViewButton({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  return (
    <button type="button" className={buttonClass} onClick={onClick} data-testid={testId}>
      {label}
    </button>
  );
}
