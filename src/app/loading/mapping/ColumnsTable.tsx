import { targetColumns } from '../mapping-step';
import { ReadAsCell } from './ReadAsCell';
import { SourceEditor } from './SourceEditor';
import { muted, strong, type TargetContext } from './ui';

/** Where each canonical column of one target comes from, and how it is read. */
export function ColumnsTable({ ctx }: { ctx: TargetContext }) {
  const table = ctx.draft.mapping.targets[ctx.target]!.table;
  return (
    <div className="overflow-x-auto" data-testid={`mapping-columns-${table}`}>
      <table className="w-full text-left text-tremor-default">
        <thead className={muted}>
          <tr>
            <th className="py-1 pr-3 font-normal">Column</th>
            <th className="py-1 pr-3 font-normal">Comes from</th>
            <th className="py-1 font-normal">How it is read</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
          {targetColumns(ctx.draft, ctx.target).map(({ spec, source, raw }) => (
            <tr key={spec.name} data-column={spec.name}>
              <td className="py-1.5 pr-3 align-top">
                <code className={strong} title={spec.description}>
                  {spec.name}
                </code>
                {spec.required && <span className="ml-2 text-tremor-label text-rose-700 dark:text-rose-400">required</span>}
              </td>
              <td className="py-1.5 pr-3 align-top">
                <SourceEditor ctx={ctx} spec={spec} source={source} />
              </td>
              <td className="py-1.5 align-top">
                <ReadAsCell ctx={ctx} spec={spec} raw={raw} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
