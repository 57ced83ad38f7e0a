import { useMemo, useRef, useState } from 'react';
import { Badge, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Title } from '@tremor/react';
import { FILTER_PARAMS } from '../../../runner/model-header';
import type { ModelParams, Runner } from '../../../runner/runner';
import { ErrorNote } from '../../components/ErrorNote';
import { formatBound, formatParamType, viewKeyFor, viewParamsFor } from './bound-params';

const h4 = 'text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong';

/**
 * One model, read-only: its header (what it computes, parameters with types and defaults, the
 * columns it requires, every output column), the values the current view binds to it, and the
 * SQL text exactly as the runner executes it (parameters bound as values, never spliced).
 */
export function ModelDoc({
  runner,
  model,
  viewParams,
  filterParams,
}: {
  runner: Runner;
  model: string;
  viewParams: Record<string, string>;
  filterParams: ModelParams;
}) {
  const header = runner.header(model);
  const sql = runner.sources[model] ?? '';
  const bound = useMemo(() => {
    try {
      return { values: runner.resolveParams(model, viewParamsFor(runner, header, viewParams, filterParams)), error: null };
    } catch (e) {
      return { values: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [runner, model, header, viewParams, filterParams]);

  return (
    <Card data-testid="sql-model" data-model={model}>
      <div className="flex flex-wrap items-baseline gap-3">
        <Title>
          <code>{model}</code>
        </Title>
        <span className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">{header.title}</span>
      </div>
      {header.description && (
        <p className="mt-3 max-w-4xl whitespace-pre-line text-tremor-default text-tremor-content dark:text-dark-tremor-content">{header.description}</p>
      )}

      <div className="mt-6 space-y-6">
        <section aria-label="Parameters">
          <h4 className={h4}>Parameters, and the values this view binds</h4>
          {bound.error && <ErrorNote title="The current view’s values do not fit this model" message={bound.error} />}
          <Table className="mt-2" data-testid="sql-params">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell>Default</TableHeaderCell>
                <TableHeaderCell>Bound now</TableHeaderCell>
                <TableHeaderCell>Meaning</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {header.params.map((p) => (
                <TableRow key={p.name}>
                  <TableCell>
                    <code>${p.name}</code>
                  </TableCell>
                  <TableCell className="whitespace-normal">{formatParamType(p.type)}</TableCell>
                  <TableCell className="whitespace-normal [overflow-wrap:anywhere]">{p.defaultValue ?? 'NULL'}</TableCell>
                  <TableCell className="whitespace-normal [overflow-wrap:anywhere]" title={`From the view parameter “${viewKeyFor(model, p.name)}” when set`}>
                    <code data-testid={`bound-${p.name}`}>{bound.values ? formatBound(bound.values[p.name]) : '—'}</code>
                  </TableCell>
                  <TableCell className="whitespace-normal">{p.description}</TableCell>
                </TableRow>
              ))}
              {header.usesFilters &&
                FILTER_PARAMS.map((f) => (
                  <TableRow key={f}>
                    <TableCell>
                      <code>${f}</code>
                    </TableCell>
                    <TableCell>{f.startsWith('date_') ? 'date' : 'text list'}</TableCell>
                    <TableCell>NULL</TableCell>
                    <TableCell className="whitespace-normal">
                      <code data-testid={`bound-${f}`}>{bound.values ? formatBound(bound.values[f]) : '—'}</code>
                    </TableCell>
                    <TableCell className="whitespace-normal">
                      global filter{f === 'date_from' || f === 'date_to' ? ' (order date)' : ' (selection included)'}
                    </TableCell>
                  </TableRow>
                ))}
              {header.params.length === 0 && !header.usesFilters && (
                <TableRow>
                  <TableCell colSpan={5}>No parameters: this model describes the whole import.</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </section>

        {header.requires.length > 0 && (
          <section aria-label="Required columns">
            <h4 className={h4}>Needs these columns to hold values</h4>
            <ul className="mt-2 flex flex-wrap gap-2" data-testid="sql-requires">
              {header.requires.map((r, i) => (
                <li key={i}>
                  <Badge color="gray">
                    {r.columns.join(', ')}
                    {r.when ? ` when ${r.when.param} = ${r.when.value}` : ''}
                  </Badge>
                </li>
              ))}
            </ul>
          </section>
        )}

        {header.missing.length > 0 && (
          <section aria-label="Outputs the data may not have">
            <h4 className={h4}>Not in the data (NULL, never 0) when these columns hold no value</h4>
            <ul className="mt-2 flex flex-wrap gap-2" data-testid="sql-missing">
              {header.missing.map((m, i) => (
                <li key={i}>
                  <Badge color="gray">
                    {m.figure} when {m.columns.join(' and ')}
                  </Badge>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-label="Output columns">
          <h4 className={h4}>Output columns</h4>
          <dl className="mt-2 grid gap-x-6 gap-y-1 text-tremor-default sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]" data-testid="sql-outputs">
            {header.outputs.map((o) => (
              <div key={o.name} className="contents">
                <dt>
                  <code className="text-tremor-content-strong dark:text-dark-tremor-content-strong">{o.name}</code>
                </dt>
                <dd className="text-tremor-content dark:text-dark-tremor-content">{o.description}</dd>
              </div>
            ))}
          </dl>
        </section>

        <SqlText model={model} sql={sql} />
      </div>
    </Card>
  );
}

function SqlText({ model, sql }: { model: string; sql: string }) {
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'selected'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sql);
      setCopied('copied');
    } catch {
      // No clipboard access (permissions): select the text so Ctrl+C copies it.
      const el = pre.current;
      const selection = window.getSelection();
      if (el && selection) {
        const range = document.createRange();
        range.selectNodeContents(el);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied('selected');
    }
    window.setTimeout(() => setCopied('idle'), 2000);
  };
  return (
    <section aria-label="SQL">
      <div className="flex items-center justify-between gap-3">
        <h4 className={h4}>
          SQL of <code>queries/{model}.sql</code>
        </h4>
        <button
          type="button"
          onClick={() => void copy()}
          className="rounded-tremor-default border border-tremor-border px-3 py-1 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-muted focus-visible:outline focus-visible:outline-2 focus-visible:outline-tremor-brand dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle"
          data-testid="copy-sql"
        >
          {copied === 'copied' ? 'Copied' : copied === 'selected' ? 'Selected: press Ctrl+C' : 'Copy SQL'}
        </button>
      </div>
      <span className="sr-only" aria-live="polite">
        {copied === 'copied' ? 'SQL copied to the clipboard' : ''}
      </span>
      <pre
        ref={pre}
        className="mt-2 max-h-[36rem] overflow-auto rounded-tremor-default bg-tremor-background-muted p-4 font-mono text-xs leading-relaxed text-tremor-content-strong dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-strong"
        data-testid="sql-text"
        tabIndex={0}
        aria-label={`SQL text of ${model}`}
      >
        {sql}
      </pre>
    </section>
  );
}
