import { Tab, TabGroup, TabList } from '@tremor/react';
import { useEffect, useRef } from 'react';
import { PageHeader } from '../components/charts/PageHeader';
import { ProductSizesPanel } from '../panels/products/ProductSizesPanel';
import { RateRankingPanel } from '../panels/products/RateRankingPanel';
import { RATE_DIM_LABELS, RATE_DIMS, readProduct, readRateDim, withRateDim } from '../panels/products/products-params';
import { ReviewTextsPanel } from '../panels/products/ReviewTextsPanel';
import { SkuProfilePanel } from '../panels/products/SkuProfilePanel';
import { RecentCommentsPanel, ReviewSignalsPanel, SkuReasonsPanel, SkuTrendPanel } from '../panels/products/SkuPanels';
import type { PageProps } from '../view/types';

/**
 * Products (merchandising): which products and SKUs come back more than their category — with
 * intervals so small samples do not mislead — which sizes of a product come back more than its
 * other sizes (view.params.product), and, for a clicked SKU, what it is, who supplies it and
 * whether the product or the supplier is the problem, then why: reasons, trend by order month,
 * review terms with their texts and the customers' latest comments.
 */
export function ProductsPage(props: PageProps) {
  const dim = readRateDim(props.view.params);
  const sku = props.view.selection?.dim === 'sku' ? props.view.selection.value : null;
  const product = readProduct(props.view.params);
  const detail = sku !== null || product !== null;
  const detailRef = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  // A product or SKU chosen in the ranking shows at the top (below 2xl): bring it into view.
  // Not on the first render: a link opens at the top of the page anyway.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (detail) detailRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [sku, product, detail]);

  return (
    <div className="space-y-6" data-testid="page-products">
      <PageHeader title="Products" question="Which products and sizes come back more than they should, and why?">
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

      {/* Side by side from 2xl; narrower, the chosen product / SKU comes first (full width, two
          columns of panels) so a click in a long ranking is answered at the top, not below it. */}
      <div className="grid items-start gap-6 2xl:grid-cols-5">
        <div className={`space-y-6 2xl:col-span-3 ${detail ? 'order-2 2xl:order-1' : ''}`}>
          <RateRankingPanel page={props} dim={dim} />
        </div>
        <div className={`grid items-start gap-6 lg:grid-cols-2 2xl:col-span-2 2xl:grid-cols-1 ${detail ? 'order-1 2xl:order-2' : ''}`} data-testid="products-detail" ref={detailRef}>
          {product && (
            <div className="lg:col-span-2 2xl:col-span-1">
              <ProductSizesPanel page={props} product={product} />
            </div>
          )}
          {sku ? (
            <>
              <SkuProfilePanel page={props} sku={sku} />
              <SkuReasonsPanel page={props} sku={sku} />
              <ReviewSignalsPanel page={props} sku={sku} />
              <ReviewTextsPanel page={props} />
              <SkuTrendPanel page={props} />
              <RecentCommentsPanel page={props} sku={sku} />
            </>
          ) : (
            // alone below 2xl: the whole width, not half of it next to a blank
            <div className="lg:col-span-2 2xl:col-span-1">
              <ReviewSignalsPanel page={props} sku={null} />
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
