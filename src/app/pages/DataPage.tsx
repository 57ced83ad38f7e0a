import { useEffect, useState } from 'react';
import type { CanonicalTable } from '../../data-model/contract';
import { Spinner } from '../components/Spinner';
import { PageHeader } from '../components/charts/PageHeader';
import { FileLoader } from '../loading/FileLoader';
import { useLoadState } from '../loading/load-state';
import { ColumnProfilePanel } from '../panels/data/ColumnProfilePanel';
import { CurrencyPanel } from '../panels/data/CurrencyPanel';
import { LoadedTablesPanel, QualityChecksPanel } from '../panels/data/DataQualityPanels';
import { withRejected } from '../panels/data/data-params';
import { JoinCoveragePanel } from '../panels/data/JoinCoveragePanel';
import { RejectedRowsPanel } from '../panels/data/RejectedRowsPanel';
import { onDataChanged } from '../session';
import { StoredDataCard } from '../storage/StoredDataCard';
import { useModel } from '../use-model';
import type { PageProps } from '../view/types';

/**
 * Everyone: load your own files (or go back to the demo), see what this browser keeps of them, then see what was loaded, what was
 * refused and why, how the files join, the data-quality checks, and what each column holds. While a batch loads the
 * panels below the loader are not shown (they would query tables being replaced).
 */
export function DataPage(props: PageProps) {
  const load = useLoadState();
  // The shell bumps dataVersion on a replace; this page also listens itself, so its panels
  // re-query even where the shell has not subscribed yet. Both only grow: their sum changes.
  const [localVersion, setLocalVersion] = useState(0);
  useEffect(() => onDataChanged(() => setLocalVersion((v) => v + 1)), []);
  const pageProps: PageProps = { ...props, dataVersion: props.dataVersion + localVersion };

  return (
    <div className="space-y-6" data-testid="page-data">
      <PageHeader title="Data" question="What is loaded, what was refused and why, and what each column holds." />
      <FileLoader runner={props.runner} dataVersion={pageProps.dataVersion} />
      <StoredDataCard />
      {load.running ? (
        <div className="py-8">
          <Spinner label="The tables below are shown again once the files are loaded." />
        </div>
      ) : (
        <DataPanels {...pageProps} />
      )}
    </div>
  );
}

function DataPanels(props: PageProps) {
  const quality = useModel(props.runner, 'data_quality', {}, props.dataVersion);
  const coverage = useModel(props.runner, 'join_coverage', {}, props.dataVersion);
  const showRejected = (table: string) => {
    props.setView({ params: withRejected(props.view.params, { table: table as CanonicalTable, severity: 'rejected' }) });
    document.querySelector('[data-testid="panel-rejected"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  return (
    <>
      <LoadedTablesPanel state={quality} onShowRejected={showRejected} />
      <JoinCoveragePanel state={coverage} />
      <RejectedRowsPanel {...props} />
      <QualityChecksPanel state={quality} />
      <CurrencyPanel {...props} />
      <ColumnProfilePanel {...props} />
    </>
  );
}
