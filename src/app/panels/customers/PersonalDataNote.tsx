import { PERSONAL_DATA_NOTE } from './customer-params';

/** The visible note of every page that shows customer ids. */
export function PersonalDataNote() {
  return (
    <p
      role="note"
      className="rounded-tremor-default border border-tremor-border bg-tremor-background-muted px-4 py-3 text-tremor-default text-tremor-content-emphasis dark:border-dark-tremor-border dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-emphasis"
      data-testid="personal-data-note"
    >
      <span className="font-medium">Personal data. </span>
      {PERSONAL_DATA_NOTE}
    </p>
  );
}
