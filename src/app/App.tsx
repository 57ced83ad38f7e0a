import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorNote } from './components/ErrorNote';
import { Header } from './components/Header';
import { Spinner } from './components/Spinner';
import { OverviewPage } from './pages/OverviewPage';
import { useSession } from './use-session';
import { useTheme } from './use-theme';
import { useUrlFilters } from './use-url-filters';

/** The app shell: header, then the start-up state or the dashboard. Never a blank page. */
export function App() {
  const theme = useTheme();
  const [filters, setFilters] = useUrlFilters();
  const { state, retry } = useSession();

  return (
    <div className="mx-auto max-w-screen-2xl space-y-6 p-4 sm:p-6">
      <Header source={state.status === 'ready' ? state.session.sourceLabel : null} theme={theme.choice} onCycleTheme={theme.cycle} />
      <ErrorBoundary>
        {state.status === 'loading' && (
          <div className="py-16" data-testid="app-loading">
            <Spinner label={state.step} />
          </div>
        )}
        {state.status === 'error' && <ErrorNote title="The data could not be loaded" message={state.message} onRetry={retry} />}
        {state.status === 'ready' && <OverviewPage runner={state.session.runner} filters={filters} onFiltersChange={setFilters} />}
        {state.status === 'ready' && <LoadProblems reports={state.session.reports} />}
      </ErrorBoundary>
    </div>
  );
}

function LoadProblems({ reports }: { reports: { file: string; error?: string; rowsRejected: number }[] }) {
  const problems = reports.filter((r) => r.error || r.rowsRejected > 0);
  if (problems.length === 0) return null;
  return (
    <ErrorNote
      title="Some data was not loaded"
      message={problems.map((r) => (r.error ? `${r.file}: ${r.error}` : `${r.file}: ${r.rowsRejected} rows rejected`)).join('\n')}
    />
  );
}
