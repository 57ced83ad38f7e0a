import type { Row } from '../../../engine/types';
import { NOT_IN_DATA, formatCount } from '../../format';

const SKUS_SHOWN = 4;

/**
 * The products behind a signal (abuse_signals.products / skus / unnamed_skus): the parent
 * products' names, then the SKUs in small type. A SKU the data does not name is said so, never
 * left blank.
 */
export function SignalProducts({ row }: { row: Row }) {
  const names = typeof row.products === 'string' && row.products !== '' ? row.products : null;
  const unnamed = Number(row.unnamed_skus ?? 0);
  const skus = typeof row.skus === 'string' && row.skus !== '' ? row.skus.split(',') : [];
  // the first SKUs only: a customer-level signal can span a dozen (the drill-down lists them all)
  const shown = skus.slice(0, SKUS_SHOWN);
  return (
    <span data-testid="signal-products">
      <span className="block text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {names ?? `Name ${NOT_IN_DATA}`}
        {names && unnamed > 0 && (
          <span className="text-tremor-content dark:text-dark-tremor-content">
            {' '}
            + {formatCount(unnamed)} {unnamed === 1 ? 'SKU' : 'SKUs'}, name {NOT_IN_DATA}
          </span>
        )}
      </span>
      {skus.length > 0 && (
        <span className="block font-mono text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          {shown.join(', ')}
          {skus.length > shown.length && <span className="font-sans"> and {formatCount(skus.length - shown.length)} more</span>}
        </span>
      )}
    </span>
  );
}
