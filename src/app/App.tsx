import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { FileLoadReport } from '../loader/load-file';
import { AssumptionsButton, AssumptionsPanel } from './components/AssumptionsPanel';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorNote } from './components/ErrorNote';
import { FilterBar } from './components/FilterBar';
import { Header } from './components/Header';
import { LocaleSelect } from './components/LocaleSelect';
import { NavTabs } from './components/NavTabs';
import { SavedViews } from './components/SavedViews';
import { Spinner } from './components/Spinner';
import { useTremorA11yFixes } from './components/tremor-a11y';
import { DrillDrawer } from './drill/DrillDrawer';
import { useDataSource } from './loading/use-data-source';
import { PAGE_REGISTRY } from './pages/registry';
import { PrintFrame } from './print/PrintHeader';
import type { Session } from './session';
import { DataSetSwitch } from './storage/DataSetSwitch';
import { AppUpdateNote } from './storage/AppUpdateNote';
import { LinkedDataSetNote } from './storage/LinkedDataSetNote';
import { useLinkedDataSet } from './storage/use-linked-data-set';
import { useFilterOptions } from './use-filter-options';
import { useSession } from './use-session';
import { useTheme } from './use-theme';
import { paramsFor, toggleSelection } from './view/crossfilter';
import { withPresetDates } from './view/date-presets';
import type { DrillTarget, PageId, PageProps, SelectDim, ViewPatch, ViewState } from './view/types';
import { useAppliedAssumptions } from './view/use-applied-assumptions';
import { useViewState } from './view/use-view-state';

type SetView = (patch: ViewPatch, opts?: { replace?: boolean }) => void;

/** The app shell: header, then the start-up state or the dashboard. Never a blank page. */
export function App() {
  const theme = useTheme();
  useTremorA11yFixes();
  const { state, retry } = useSession();
  // The data can be replaced after start (Data page): its label, reports and version follow.
  const source = useDataSource();
  const { view, setView } = useViewState();
  const [assumptionsOpen, setAssumptionsOpen] = useState(false);
  const closeAssumptions = useCallback(() => setAssumptionsOpen(false), []);
  const ready = state.status === 'ready';
  // Which data set the URL names, opened (or said to be missing) once the session is there.
  const linked = useLinkedDataSet(view, setView, source);

  useEffect(() => {
    document.title = `${PAGE_REGISTRY[view.page].label} · Returns Insight`;
  }, [view.page]);

  return (
    <>
      <SkipLink />
      <div className="mx-auto max-w-screen-2xl space-y-4 p-4 sm:p-6">
        <Header
          source={ready ? (source.label ?? state.session.sourceLabel) : null}
          dataSets={ready && <DataSetSwitch source={source} setView={setView} />}
          theme={theme.choice}
          onCycleTheme={theme.cycle}
          actions={
            ready && (
              <>
                <SavedViews view={view} setView={setView} />
                <LocaleSelect view={view} setView={setView} />
                <AssumptionsButton view={view} open={assumptionsOpen} onToggle={() => setAssumptionsOpen((o) => !o)} />
              </>
            )
          }
        />
        {ready && <LinkedDataSetNote linked={linked} shown={source.label ?? state.session.sourceLabel} />}
        {/* On every page: a user who never opens the Data page still learns an update is waiting. */}
        {ready && <AppUpdateNote />}
        <ErrorBoundary>
          {state.status === 'loading' && (
            <div className="py-16" data-testid="app-loading">
              <Spinner label={state.step} />
            </div>
          )}
          {state.status === 'error' && <ErrorNote title="The data could not be loaded" message={state.message} onRetry={retry} />}
          {ready && (
            <Dashboard
              session={state.session}
              reports={source.label !== null ? source.reports : state.session.reports}
              dataChanges={source.version}
              view={view}
              setView={setView}
              assumptionsOpen={assumptionsOpen}
              onCloseAssumptions={closeAssumptions}
            />
          )}
        </ErrorBoundary>
      </div>
    </>
  );
}

/**
 * The dashboard for a loaded session: navigation, the global filters, the current page, the
 * drill-down and the assumptions. Everything it shows follows the view (the URL).
 */
function Dashboard({
  session,
  reports,
  dataChanges,
  view,
  setView,
  assumptionsOpen,
  onCloseAssumptions,
}: {
  session: Session;
  reports: FileLoadReport[];
  /** How many times the data was replaced since start. */
  dataChanges: number;
  view: ViewState;
  setView: SetView;
  assumptionsOpen: boolean;
  onCloseAssumptions: () => void;
}) {
  const { runner } = session;
  // Assumptions first: the runner re-derives with them, then every panel queries again.
  const assumptions = useAppliedAssumptions(runner, view.assumptions, view.currency);
  // Both only go up, so their sum changes whenever either does.
  const dataVersion = assumptions.version + dataChanges;
  const options = useFilterOptions(runner, dataVersion);

  const effective = useMemo(() => withPresetDates(view.filters, view.datePreset, options.asOf), [view.filters, view.datePreset, options.asOf]);
  const selection = view.selection;
  const paramsForView = useCallback((ownDim?: SelectDim) => paramsFor(effective, selection, ownDim), [effective, selection]);
  const select = useCallback((dim: SelectDim, value: string) => setView({ selection: toggleSelection(selection, dim, value) }), [selection, setView]);
  const openDrill = useCallback((target: DrillTarget) => setView({ drill: target }), [setView]);
  const closeDrill = useCallback(() => setView({ drill: null }), [setView]);
  // Sorting and paging the open drill: no history entry per page turn (Back closes the drill).
  const changeDrill = useCallback((drill: DrillTarget) => setView({ drill }, { replace: true }), [setView]);
  const navigate = useCallback((page: PageId) => setView({ page, params: {}, drill: null }), [setView]);

  const pageProps: PageProps = {
    runner,
    view,
    setView,
    paramsFor: paramsForView,
    select,
    openDrill,
    currency: options.currency,
    dataVersion,
  };
  const Page = PAGE_REGISTRY[view.page].component;
  // A link with edited assumptions or a date preset shows nothing until both are in effect,
  // rather than numbers for other assumptions or for all dates.
  const waitingFor = !assumptions.started ? 'Applying the assumptions of this view…' : view.datePreset && !options.ready ? 'Finding the last order date…' : null;

  return (
    <>
      <NavTabs view={view} onNavigate={navigate} />
      <FilterBar view={view} dates={{ date_from: effective.date_from, date_to: effective.date_to }} options={options} setView={setView} />
      {options.error && <ErrorNote title="The data's date span and filter values could not be computed" message={options.error} />}
      {assumptions.error && <ErrorNote title="The edited assumptions or currency settings could not be applied" message={assumptions.error} />}
      {/* The one main landmark, on every page: what "Skip to content" jumps to. */}
      <main id={MAIN_ID} tabIndex={-1} aria-label={PAGE_REGISTRY[view.page].label}>
        {waitingFor ? (
          <div className="py-16">
            <Spinner label={waitingFor} />
          </div>
        ) : (
          // Keyed by page: a page that fails to render does not take the others down with it.
          <ErrorBoundary key={view.page}>
            <Suspense fallback={<div className="py-16"><Spinner label="Opening the page…" /></div>}>
              {/* Every page prints what it covers at its top: page, filters, period, date basis, data set. */}
              <PrintFrame view={view} params={paramsForView()} title={PAGE_REGISTRY[view.page].label}>
                <Page {...pageProps} />
              </PrintFrame>
            </Suspense>
          </ErrorBoundary>
        )}
      </main>
      {view.drill && (
        <ErrorBoundary>
          <DrillDrawer runner={runner} target={view.drill} params={paramsForView(view.drill.ownDim)} onChange={changeDrill} onClose={closeDrill} dataVersion={dataVersion} currency={options.currency} />
        </ErrorBoundary>
      )}
      {assumptionsOpen && (
        <AssumptionsPanel
          view={view}
          setView={setView}
          currency={options.currency}
          applying={!assumptions.inSync && !assumptions.error}
          error={assumptions.error}
          onClose={onCloseAssumptions}
        />
      )}
      <LoadProblems reports={reports} />
    </>
  );
}

const MAIN_ID = 'main';

/**
 * The first tab stop: past the header, the page tabs and the filters (some 30 stops) to the
 * page itself. Hidden until focused. It moves focus without touching the URL, which owns the view.
 */
function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      onClick={(e) => {
        const main = document.getElementById(MAIN_ID);
        if (!main) return; // still loading: nothing to skip to yet
        e.preventDefault();
        main.focus();
        main.scrollIntoView();
      }}
      className="sr-only rounded-tremor-default bg-tremor-brand text-tremor-default font-medium text-tremor-brand-inverted focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:px-3 focus:py-2 dark:bg-dark-tremor-brand dark:text-dark-tremor-brand-inverted"
      data-testid="skip-link"
    >
      Skip to content
    </a>
  );
}

function LoadProblems({ reports }: { reports: { file: string; error?: string; rowsRejected: number }[] }) {
  const problems = reports.filter((r) => r.error || r.rowsRejected > 0);
  if (problems.length === 0) return null;
  return (
    <ErrorNote
      title="Some data was not loaded"
      message={problems.map((r) => (r.error ? `${r.file}: ${r.error}` : `${r.file}: ${r.rowsRejected} ${r.rowsRejected === 1 ? 'row' : 'rows'} rejected`)).join('\n')}
    />
  );
}
