import type { MappingSpec } from '../../../loader/import';
import { dateFormatOptions, setColumnSource, setDateFormat, sourceLabel, targetColumns, type MappingDraft, type SourceChoice } from '../mapping-step';
import { ConstantInput, inputClass, muted, Section, strong, type Change } from './ui';

/** Where each canonical column of one target comes from, and how it is read. */

const NOT_MAPPED = '__none__';
const LINE = '__line__';
const CONSTANT = '__constant__';
const COMPLEX = '__complex__';

function choiceValue(c: SourceChoice): string {
  switch (c.kind) {
    case 'none':
      return NOT_MAPPED;
    case 'line':
      return LINE;
    case 'constant':
      return CONSTANT;
    case 'complex':
      return COMPLEX;
    default:
      return `col:${c.name}`;
  }
}

export function ColumnsSection({ draft, target, change }: { draft: MappingDraft; target: number; change: Change }) {
  const table = draft.mapping.targets[target]!.table;
  const rows = targetColumns(draft, target);
  return (
    <Section title={`Columns of ${table}`} testId={`mapping-columns-${table}`}>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-tremor-default">
          <thead className={muted}>
            <tr>
              <th className="py-1 pr-3 font-normal">Column</th>
              <th className="py-1 pr-3 font-normal">Comes from</th>
              <th className="py-1 font-normal">How it is read</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
            {rows.map(({ spec, source, raw }) => {
              const isDate = spec.type === 'DATE' || spec.type === 'TIMESTAMP';
              const format = raw && 'column' in raw && raw.transform?.kind === 'date' ? raw.transform.format : null;
              return (
                <tr key={spec.name} data-column={spec.name}>
                  <td className="py-1.5 pr-3 align-top">
                    <code className={strong} title={spec.description}>
                      {spec.name}
                    </code>
                    {spec.required && <span className="ml-2 text-tremor-label text-rose-700 dark:text-rose-400">required</span>}
                  </td>
                  <td className="py-1.5 pr-3 align-top">
                    <div className="flex flex-wrap items-center gap-2">
                      <select
                        className={`${inputClass} max-w-[24rem]`}
                        aria-label={`Source of ${table}.${spec.name}`}
                        value={choiceValue(source)}
                        onChange={(e) => {
                          const v = e.target.value;
                          const choice: SourceChoice | null =
                            v === NOT_MAPPED ? { kind: 'none' } : v === LINE ? { kind: 'line' } : v === CONSTANT ? { kind: 'constant', value: '' } : v.startsWith('col:') ? { kind: 'column', name: v.slice(4) } : null;
                          if (choice) change((d) => setColumnSource(d, target, spec.name, choice));
                        }}
                        data-testid="column-source"
                      >
                        <option value={NOT_MAPPED}>— not mapped —</option>
                        {source.kind === 'complex' && <option value={COMPLEX}>{`as the preset sets it: ${source.text}`}</option>}
                        <optgroup label="Columns of the file">
                          {draft.profiles.map((p) => (
                            <option key={p.name} value={`col:${p.name}`}>
                              {sourceLabel(p)}
                            </option>
                          ))}
                        </optgroup>
                        <optgroup label="Other">
                          {(spec.type === 'VARCHAR' || spec.type === 'INTEGER' || spec.type === 'DOUBLE') && <option value={LINE}>the line number in the file</option>}
                          <option value={CONSTANT}>the same value on every row…</option>
                        </optgroup>
                      </select>
                      {source.kind === 'constant' && (
                        <ConstantInput
                          value={source.value}
                          label={`Value of ${table}.${spec.name} on every row`}
                          onCommit={(value) => change((d) => setColumnSource(d, target, spec.name, { kind: 'constant', value }))}
                        />
                      )}
                    </div>
                  </td>
                  <td className="py-1.5 align-top">
                    {isDate && source.kind === 'column' ? (
                      <select
                        className={`${inputClass} max-w-[26rem]`}
                        aria-label={`Date format of ${table}.${spec.name}`}
                        value={format ?? ''}
                        onChange={(e) => e.target.value && change((d) => setDateFormat(d, target, spec.name, e.target.value))}
                        data-testid="column-date-format"
                      >
                        {format === null && <option value="">— choose the date format —</option>}
                        {dateFormatOptions(draft, source.name, format).map((o) => (
                          <option key={o.format} value={o.format}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className={muted}>{readAs(raw, spec.type)}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function readAs(raw: MappingSpec['targets'][number]['columns'][string], type: string): string {
  if (!raw) return '';
  if ('column' in raw && raw.transform?.kind === 'number') {
    const t = raw.transform;
    const sign = t.sign === 'negate' ? ', sign reversed' : t.sign === 'abs' ? ', sign dropped' : '';
    return `number, decimal “${t.decimal}”${t.thousands ? `, thousands “${t.thousands === ' ' ? 'space' : t.thousands}”` : ''}${t.currency ? ', currency signs removed' : ''}${sign}`;
  }
  if ('column' in raw && raw.transform?.kind === 'map') return `codes translated (${Object.keys(raw.transform.values).length} known)`;
  if ('column' in raw && raw.transform?.kind === 'boolean') return `yes/no (${raw.transform.trueWords.slice(0, 3).join(', ')} …)`;
  return type === 'VARCHAR' ? 'text as written' : type.toLowerCase();
}
