/** A small spinner with visible text (the text is what screen readers and tests see). */
export function Spinner({ label }: { label: string }) {
  return (
    <div role="status" className="flex items-center gap-2 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
      <span
        aria-hidden
        className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-tremor-brand border-t-transparent dark:border-dark-tremor-brand dark:border-t-transparent"
      />
      <span>{label}</span>
    </div>
  );
}
