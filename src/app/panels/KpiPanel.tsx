import { KpiCards } from '../components/KpiCards';
import type { ModelState } from '../model-state';
import { useModel } from '../use-model';
import { basisOf, basisParams } from '../view/date-basis';
import type { PageProps } from '../view/types';

type Props = PageProps & { kpis: ModelState };

/**
 * The headline numbers of the view (`kpis`, run by the page on the view's date basis). With a
 * date range each card also shows its change against the same number of days just before (the
 * kpi_change model on the same basis, which picks the periods and computes the changes), so
 * number and change cover one stated period and one basis. Without one the cards cover all
 * dates, which have nothing before them: no change, and a one-click switch to the last 90 days
 * of data.
 */
export function KpiPanel(props: Props) {
  const params = props.paramsFor();
  const ranged = params.date_from != null || params.date_to != null;
  if (ranged) return <KpisWithChange {...props} />;
  return (
    <KpiCards
      state={props.kpis}
      currency={props.currency}
      onDrill={props.openDrill}
      notInData={props.runner.notInData('kpis')}
      onCompare={() => props.setView({ datePreset: 'last_90' })}
      basis={basisOf(props.view)}
    />
  );
}

function KpisWithChange({ kpis, runner, paramsFor, openDrill, currency, dataVersion, view }: Props) {
  const change = useModel(runner, 'kpi_change', { ...paramsFor(), ...basisParams(view) }, dataVersion);
  return <KpiCards state={kpis} currency={currency} change={change} onDrill={openDrill} notInData={runner.notInData('kpis')} basis={basisOf(view)} />;
}
