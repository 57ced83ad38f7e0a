import { Button, Card, Tab, TabGroup, TabList } from '@tremor/react';
import { PageHeader } from '../components/charts/PageHeader';
import { RateRankingPanel } from '../panels/products/RateRankingPanel';
import { RATE_DIM_LABELS, RATE_DIMS, readRateDim, withRateDim } from '../panels/products/products-params';
import { RecentCommentsPanel, ReviewSignalsPanel, SkuReasonsPanel, SkuTrendPanel } from '../panels/products/SkuPanels';
import type { PageProps } from '../view/types';

/**
 * Products (merchandising): which SKUs come back more than their category — with intervals so
 * small samples do not mislead — and, for a clicked SKU, why: reasons, trend by order month,
 * review terms and the customers' latest comments.
 */
export function ProductsPage(props: PageProps) {
  const dim = readRateDim(props.view.params);
  const sku = props.view.selection?.dim === 'sku' ? props.view.selection.value : null;

  return (
    <div className="space-y-6" data-testid="page-products">
      <PageHeader title="Products" question="Which products come back more than they should, and why?">
        <TabGroup
          index={RATE_DIMS.indexOf(dim)}
          onIndexChange={(i) => props.setView({ params: withRateDim(props.view.params, RATE_DIMS[i] ?? 'sku') })}
        >
          <TabList variant="solid" aria-label="Rank by">
            {RATE_DIMS.map((d) => (
              <Tab key={d}>{RATE_DIM_LABELS[d]}</Tab>
            ))}
          </TabList>
        </TabGroup>
      </PageHeader>

      <div className="grid items-start gap-6 xl:grid-cols-5">
        <div className="xl:col-span-3">
          <RateRankingPanel page={props} dim={dim} />
        </div>
        <div className="space-y-6 xl:sticky xl:top-4 xl:col-span-2">
          {sku ? (
            <>
              <Card className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="sku-detail">
                <div>
                  <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">Selected SKU — every panel is filtered to it</p>
                  <p className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{sku}</p>
                </div>
                <div className="flex gap-2">
                  <Button
                    size="xs"
                    variant="secondary"
                    onClick={() => props.openDrill({ kind: 'returns', where: { sku }, title: `Returns of SKU ${sku}` })}
                  >
                    All returns
                  </Button>
                  <Button size="xs" variant="light" onClick={() => props.select('sku', sku)}>
                    Clear selection
                  </Button>
                </div>
              </Card>
              <SkuReasonsPanel page={props} sku={sku} />
              <SkuTrendPanel page={props} />
              <ReviewSignalsPanel page={props} sku={sku} />
              <RecentCommentsPanel page={props} sku={sku} />
            </>
          ) : (
            <ReviewSignalsPanel page={props} sku={null} />
          )}
        </div>
      </div>
    </div>
  );
}
