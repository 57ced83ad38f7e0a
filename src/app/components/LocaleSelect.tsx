import { browserLocale, displayLocale } from '../format';
import type { ViewPatch, ViewState } from '../view/types';

/** Locales offered besides the browser's own (any other works by hand in the URL: loc=…). */
const OFFERED = ['en-GB', 'en-US', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'sv-SE'];

/**
 * A locale's short name in the language shown ("UK English", "German (Germany)"). Not a sample
 * date: a page writes its dates in one format only, the chooser included.
 */
function localeName(tag: string): string {
  try {
    return new Intl.DisplayNames([displayLocale()], { type: 'language', style: 'short' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

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
        className="rounded-tremor-default border border-tremor-border bg-tremor-background px-2 py-1.5 text-tremor-default text-tremor-content-emphasis dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis"
        value={view.locale ?? ''}
        onChange={(e) => setView({ locale: e.target.value === '' ? undefined : e.target.value })}
        data-testid="locale-select"
      >
        <option value="">Browser ({localeName(own)})</option>
        {offered.map((tag) => (
          <option key={tag} value={tag}>
            {localeName(tag)}
          </option>
        ))}
      </select>
    </label>
  );
}
