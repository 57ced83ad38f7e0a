import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { preloadCharts } from './app/components/charts/BarChart';
import { getSession } from './app/session';
import { registerServiceWorker } from './app/service-worker';
import { applyTheme, readStoredTheme } from './app/theme';
import './index.css';

// Before the first paint, so a dark-mode user never sees a white flash.
applyTheme(readStoredTheme());

// DuckDB's worker and wasm start downloading now, while React renders the first frame; the
// app's components wait on this same promise (a failure is shown, and retried, by them).
// The service worker, which downloads the whole build into its cache, starts once the page has
// what it needs: the wasm is then in the HTTP cache, and the first screen never waits behind it.
void getSession()
  .catch(() => undefined)
  .then(registerServiceWorker);
// The charts' chunk is not part of the first paint, but the Overview needs it as soon as the
// data is ready, and the database takes longer to start than the chunk to download.
preloadCharts();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
