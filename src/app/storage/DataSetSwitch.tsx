import { headerButtonClass } from '../components/Header';
import type { DataSource } from '../loading/use-data-source';
import type { ViewPatch } from '../view/types';
import { useStorageState } from './storage-state';
import { DEFAULT_SETTINGS } from './stored-index';
import { DEMO_REF, refOf } from './use-linked-data-set';

/**
 * The header's choice of data set: the demo and every data set kept in this browser. Choosing
 * one changes the view's `data=` (the URL owns it; use-linked-data-set.ts opens it) and puts the
 * settings kept with that data set in place of those of the one left (kept-settings.ts).
 */
export function DataSetSwitch({ source, setView }: { source: DataSource; setView: (patch: ViewPatch) => void }) {
  const { sets, demoSettings } = useStorageState();
  if (sets.length === 0 || source.dataSet === undefined) return null;
  const demo = source.dataSet === null && source.label === DEMO_REF.name;
  const value = source.dataSet?.slot ?? (demo ? 'demo' : 'unkept');
  return (
    <label className="flex items-center gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
      <span className="sr-only sm:not-sr-only">Data set</span>
      <select
        className={headerButtonClass}
        value={value}
        data-testid="data-set-switch"
        onChange={(e) => {
          const picked = sets.find((s) => s.slot === e.target.value);
          const settings = (picked ? picked.settings : demoSettings) ?? DEFAULT_SETTINGS;
          setView({ dataSet: picked ? refOf(picked) : DEMO_REF, assumptions: settings.assumptions, currency: settings.currency });
        }}
      >
        {value === 'unkept' && (
          <option value="unkept" disabled>
            {source.label} (not kept)
          </option>
        )}
        <option value="demo">{DEMO_REF.name}</option>
        {sets.map((s) => (
          <option key={s.slot} value={s.slot}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
