import { useEffect, useRef, useState } from 'react';
import { switchDataSet } from '../session/switch-data-set';
import type { DataSetRef, ViewPatch, ViewState } from '../view/types';
import type { DataSource } from '../loading/use-data-source';
import { settingsOf, withKeptSettings } from './kept-settings';
import { setStorageState, useStorageState } from './storage-state';
import { DEFAULT_SETTINGS, keepSettings, type StoredEntry } from './stored-index';

/** How a link names the demo data (the header's switch writes it; a bare link opens whatever is current). */
export const DEMO_REF: DataSetRef = { name: 'Demo data', fingerprint: 'demo' };

export const refOf = (entry: StoredEntry): DataSetRef => ({ name: entry.name, fingerprint: entry.fingerprint });

/** What the data set named by the view's URL came to: shown, being opened, or not kept here. */
export type LinkedDataSet = { status: 'shown' } | { status: 'opening'; name: string } | { status: 'missing'; wanted: DataSetRef } | { status: 'failed'; message: string };

/**
 * The URL owns which data set is shown (`data=`, see view-url.ts): when the view names another
 * kept data set (the header's switch, a link), it is opened; when it names one not kept in this
 * browser, that is said and the data shown stays. When the data changes by itself (a load, once
 * kept; a rename), the URL is rewritten to name it, so a copied link says what it was made on.
 */
export function useLinkedDataSet(view: ViewState, setView: (patch: ViewPatch, opts?: { replace?: boolean }) => void, source: DataSource): LinkedDataSet {
  const storage = useStorageState();
  const [state, setState] = useState<LinkedDataSet>({ status: 'shown' });
  const shown = useRef(source.dataSet);
  shown.current = source.dataSet;
  const sets = useRef(storage.sets);
  sets.current = storage.sets;
  const wanted = view.dataSet;

  useEffect(() => {
    if (source.dataSet === undefined) return; // the session is not there yet
    const current = shown.current;
    if (!wanted) {
      if (current) setView({ dataSet: refOf(current) }, { replace: true });
      setState({ status: 'shown' });
      return;
    }
    const demo = wanted.fingerprint === DEMO_REF.fingerprint;
    const target = demo ? null : sets.current.find((e) => e.fingerprint === wanted.fingerprint);
    if (target === undefined) return setState({ status: 'missing', wanted });
    if ((target?.slot ?? null) === (current?.slot ?? null) && (target || source.label === DEMO_REF.name)) return setState({ status: 'shown' });
    let live = true;
    // A link without settings of its own gets those last used on the data set it opens.
    const kept = target ? target.settings : storage.demoSettings;
    if (kept && withKeptSettings(window.location.search, kept) !== null) setView({ assumptions: kept.assumptions, currency: kept.currency }, { replace: true });
    setState({ status: 'opening', name: target?.name ?? DEMO_REF.name });
    switchDataSet(target?.slot ?? null).then(
      () => live && setState({ status: 'shown' }),
      (e: unknown) => live && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
    // Only a change of the named data set (or the session arriving) opens another one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted?.fingerprint, source.dataSet === undefined]);

  // The data changed by itself (a load kept, a switch, a rename): the URL names what is shown.
  const shownRef = source.dataSet === undefined ? undefined : source.dataSet ? `${source.dataSet.name}~${source.dataSet.fingerprint}` : '';
  const first = useRef(true);
  useEffect(() => {
    if (shownRef === undefined) return;
    if (first.current) return void (first.current = false);
    const dataSet = source.dataSet ? refOf(source.dataSet) : source.label === DEMO_REF.name ? DEMO_REF : undefined;
    // Back to the demo by itself ("Reset to demo data"): with the settings kept with the demo, as a switch.
    const backToDemo = dataSet === DEMO_REF && wanted?.fingerprint !== DEMO_REF.fingerprint;
    const settings = backToDemo ? (storage.demoSettings ?? DEFAULT_SETTINGS) : null;
    setView({ dataSet, ...(settings && { assumptions: settings.assumptions, currency: settings.currency }) }, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownRef, source.version]);

  // The settings in effect are kept with the data set shown (not while another one is opening).
  const settingsKey = JSON.stringify(settingsOf(view));
  const shownFingerprint = source.dataSet ? source.dataSet.fingerprint : source.label === DEMO_REF.name ? DEMO_REF.fingerprint : null;
  useEffect(() => {
    if (source.dataSet === undefined || shownFingerprint === null || (wanted?.fingerprint ?? shownFingerprint) !== shownFingerprint) return;
    keepSettings(source.dataSet?.slot ?? null, settingsOf(view)).then(
      (after) => after && setStorageState(after),
      () => undefined, // not kept (no storage): the URL still holds them
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settingsKey, shownFingerprint, wanted?.fingerprint, source.dataSet === undefined]);

  return state;
}
