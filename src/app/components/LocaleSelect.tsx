import { browserLocale, formatDate } from '../format';
import type { ViewPatch, ViewState } from '../view/types';

/** Locales offered besides the browser's own (any other works by hand in the URL: loc=…). */
const OFFERED = ['en-GB', 'en-US', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'sv-SE'];

/** An option names its locale by how it writes a day: "de-DE · 31.12.2025" (short, and shows what changes). */
const SAMPLE_DAY = '2025-12-31';
const option = (tag: string) => `${tag} · ${formatDate(SAMPLE_DAY, tag)}`;

/**
 * The locale of dates and figures, stored with the view (`loc` in the URL, so a saved view or
 * a shared link keeps it). "Browser" leaves it to the browser's own locale.
 */
export function LocaleSelect({ view, setView }: { view: ViewState; setView: (patch: ViewPatch) => void }) {
  const own = browserLocale();
  const offered = view.locale && !OFFERED.includes(view.locale) ? [view.locale, ...OFFERED] : OFFERED;
  return (
    <label className="flex items-center gap-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
      <span className="sr-only">Date and number formats</span>
      <select
        title="Date and number formats (kept in the link)"
        className="rounded-tremor-small border border-tremor-border bg-tremor-background px-2 py-1 text-tremor-default text-tremor-content-emphasis dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis"
        value={view.locale ?? ''}
        onChange={(e) => setView({ locale: e.target.value === '' ? undefined : e.target.value })}
        data-testid="locale-select"
      >
        <option value="">Browser · {formatDate(SAMPLE_DAY, own)}</option>
        {offered.map((tag) => (
          <option key={tag} value={tag}>
            {option(tag)}
          </option>
        ))}
      </select>
    </label>
  );
}
