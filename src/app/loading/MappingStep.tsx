import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Callout } from '@tremor/react';
import type { CanonicalTable } from '../../data-model/contract';
import type { Row } from '../../engine/types';
import {
  DECIMALS, DELIMITERS, ENCODINGS, stringifyMapping, THOUSANDS,
  type DecimalSeparator, type Delimiter, type Encoding, type MappingSpec, type PresetId, type Question, type ThousandsSeparator,
} from '../../loader/import';
import { previewMapping, type MappingPreview } from '../../loader/replace-data';
import { Spinner } from '../components/Spinner';
import { formatCount } from '../format';
import { downloadText } from '../download';
import { getSession } from '../session';
import { lookupFilesFor, updateDraft } from './import-store';
import {
  answer, applySavedMapping, canLoad, dateFormatOptions, DELIMITER_LABELS, draftProblems, ENCODING_LABELS, mappingFileName,
  numberFormatOf, openQuestions, optionLabel, presetLabel, previewCell, previewColumns, questionKey, setColumnSource, setDateFormat,
  setNumberFormat, sourceLabel, tableOptions, targetColumns, withChoice, withSourceFormat, type MappingDraft, type SourceChoice,
} from './mapping-step';

export const inputClass =
  'rounded-tremor-default border border-tremor-border bg-tremor-background px-2 py-1.5 text-tremor-default text-tremor-content-emphasis shadow-tremor-input outline-none focus:ring-2 focus:ring-tremor-brand-muted disabled:opacity-60 dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis dark:shadow-dark-tremor-input dark:focus:ring-dark-tremor-brand-muted dark:[color-scheme:dark]';
const labelClass = 'flex flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content';
const muted = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';
const strong = 'text-tremor-content-strong dark:text-dark-tremor-content-strong';

/** Records of the file the preview reads, and rows it shows per table. */
const PREVIEW_RECORDS = 200;
const PREVIEW_ROWS = 10;

/**
 * The mapping step of one dropped file: how to read it (preset with its confidence, or a custom
 * mapping into a table), its format (encoding, delimiter, numbers), the questions it raises
 * (asked, never guessed), where each canonical column comes from, a preview of the first rows
 * exactly as they will load with the reason of every refused row, and the mapping as a JSON
 * file to download or re-use.
 */
export function MappingStep({ id, draft }: { id: number; draft: MappingDraft }) {
  const change = (fn: (d: MappingDraft) => MappingDraft) => updateDraft(id, fn);
  const open = openQuestions(draft);
  const problems = draftProblems(draft);
  const ready = canLoad(draft);
  return (
    <div className="mt-3 space-y-5 rounded-tremor-default border border-tremor-border p-4 dark:border-dark-tremor-border" data-testid="mapping-step" data-file={draft.fileName}>
      <ChoiceSection draft={draft} change={change} />
      <FormatSection draft={draft} change={change} />
      {open.length > 0 && <Questions draft={draft} questions={open} change={change} />}
      {problems.length > 0 && (
        <Callout color="rose" title="Before this file can load" data-testid="mapping-problems">
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Callout>
      )}
      {draft.mapping.targets.map((t, i) => (
        <ColumnsSection key={`${t.table}-${i}`} draft={draft} target={i} change={change} />
      ))}
      <PreviewSection id={id} draft={draft} ready={ready} />
      <MappingFileSection draft={draft} ready={ready} change={change} />
      {draft.notes.length > 0 && (
        <details className={muted}>
          <summary className="cursor-pointer">How this mapping reads the file ({draft.notes.length} notes)</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {draft.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId}>
      <h4 className={`text-tremor-default font-medium ${strong}`}>{title}</h4>
      <div className="mt-2">{children}</div>
    </section>
  );
}

type Change = (fn: (d: MappingDraft) => MappingDraft) => void;

function ChoiceSection({ draft, change }: { draft: MappingDraft; change: Change }) {
  const value = draft.choice.kind === 'preset' ? `preset:${draft.choice.id}` : `custom:${draft.choice.table}`;
  const best = draft.presets[0];
  return (
    <Section title="How to read this file">
      <div className="flex flex-wrap items-end gap-4">
        <label className={labelClass}>
          Preset or custom mapping
          <select
            className={`${inputClass} min-w-[22rem]`}
            value={value}
            onChange={(e) => {
              const [kind, rest] = e.target.value.split(':') as [string, string];
              change((d) => withChoice(d, kind === 'preset' ? { kind: 'preset', id: rest as PresetId } : { kind: 'custom', table: rest as CanonicalTable }));
            }}
            data-testid="mapping-choice"
          >
            {draft.presets.length > 0 && (
              <optgroup label="Presets (known exports)">
                {draft.presets.map((p) => (
                  <option key={p.id} value={`preset:${p.id}`} disabled={!p.usable}>
                    {presetLabel(p)}
                  </option>
                ))}
              </optgroup>
            )}
            <optgroup label="Custom mapping into the table …">
              {tableOptions(draft).map((t) => (
                <option key={t.table} value={`custom:${t.table}`}>
                  {t.label}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <p className={`${muted} pb-2`} data-testid="mapping-origin">
          Now: {draft.origin}. Loads into {draft.mapping.targets.map((t) => t.table).join(' and ') || 'no table'}.
        </p>
      </div>
      {!best || best.confidence < 0.6 ? (
        <p className={`${muted} mt-1`}>No preset recognises this file with confidence: check the suggested columns below.</p>
      ) : null}
      {draft.problem && (
        <p className="mt-2 text-tremor-default text-amber-700 dark:text-amber-400" role="alert">
          {draft.problem}
        </p>
      )}
    </Section>
  );
}

function FormatSection({ draft, change }: { draft: MappingDraft; change: Change }) {
  const src = draft.mapping.source;
  const nf = numberFormatOf(draft.mapping);
  const converted = draft.converted !== null;
  return (
    <Section title="File format">
      <div className="flex flex-wrap items-end gap-4">
        <label className={labelClass}>
          Encoding
          <select
            className={inputClass}
            value={src.encoding}
            disabled={converted || draft.sniff.encoding.bom !== null}
            onChange={(e) => change((d) => withSourceFormat(d, { encoding: e.target.value as Encoding }))}
            data-testid="mapping-encoding"
          >
            {ENCODINGS.map((x) => (
              <option key={x} value={x}>
                {ENCODING_LABELS[x]}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Delimiter
          <select
            className={inputClass}
            value={src.delimiter}
            disabled={converted}
            onChange={(e) => change((d) => withSourceFormat(d, { delimiter: e.target.value as Delimiter }))}
            data-testid="mapping-delimiter"
          >
            {DELIMITERS.map((x) => (
              <option key={x} value={x}>
                {DELIMITER_LABELS[x]}
              </option>
            ))}
          </select>
        </label>
        {nf && (
          <>
            <label className={labelClass}>
              Decimal separator
              <select
                className={inputClass}
                value={nf.decimal}
                onChange={(e) => change((d) => setNumberFormat(d, { ...nf, decimal: e.target.value as DecimalSeparator, thousands: nf.thousands === e.target.value ? '' : nf.thousands }))}
                data-testid="mapping-decimal"
              >
                {DECIMALS.map((x) => (
                  <option key={x} value={x}>
                    {x === '.' ? 'point .' : 'comma ,'}
                  </option>
                ))}
              </select>
            </label>
            <label className={labelClass}>
              Thousands separator
              <select
                className={inputClass}
                value={nf.thousands}
                onChange={(e) => change((d) => setNumberFormat(d, { ...nf, thousands: e.target.value as ThousandsSeparator }))}
                data-testid="mapping-thousands"
              >
                {THOUSANDS.filter((x) => x !== nf.decimal).map((x) => (
                  <option key={x || 'none'} value={x}>
                    {x === '' ? 'none' : x === ' ' ? 'space' : x === "'" ? "apostrophe '" : x === ',' ? 'comma ,' : 'point .'}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 pb-2 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
              <input
                type="checkbox"
                className="h-4 w-4 accent-tremor-brand"
                checked={nf.currency}
                onChange={(e) => change((d) => setNumberFormat(d, { ...nf, currency: e.target.checked }))}
                data-testid="mapping-currency"
              />
              Money written with currency signs (“$1,234.50”, “12,50 €”, “(3.00)”)
            </label>
          </>
        )}
      </div>
      <p className={`${muted} mt-2`}>
        {converted
          ? `Converted from ${draft.converted === 'json' ? 'JSON' : 'Parquet'} to text; `
          : `Encoding: ${draft.sniff.encoding.why}; ${draft.sniff.lineEnding === 'crlf' ? 'Windows line ends (CRLF); ' : ''}`}
        {formatCount(draft.sniff.header.length)} columns, {formatCount(draft.sniff.rows.length)} rows sampled.
      </p>
    </Section>
  );
}

function Questions({ draft, questions, change }: { draft: MappingDraft; questions: Question[]; change: Change }) {
  return (
    <Callout color="amber" title={questions.length === 1 ? 'One question before loading' : `${questions.length} questions before loading`} data-testid="mapping-questions">
      <div className="space-y-4">
        {questions.map((q) => (
          <fieldset key={questionKey(q)} data-testid="question" data-source={q.source}>
            <legend className="text-tremor-default">{q.text}</legend>
            <div className="mt-2 flex flex-col gap-1">
              {q.options.map((o, i) => {
                const label = optionLabel(q, o);
                const suggested = q.kind === 'date_format' && q.suggested === o;
                return (
                  <label key={i} className="flex items-center gap-2 text-tremor-default">
                    <input
                      type="radio"
                      name={`${draft.fileName}-${questionKey(q)}`}
                      className="h-4 w-4 accent-tremor-brand"
                      checked={false}
                      onChange={() => change((d) => answer(d, q, o))}
                      data-testid="question-option"
                      data-option={typeof o === 'string' ? o : `${o.decimal}|${o.thousands}`}
                    />
                    <span>
                      {label}
                      {suggested && <span className="ml-2 text-tremor-label">(what the export documents)</span>}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
        <p className="text-tremor-label">The file loads only once each question is answered: nothing ambiguous is guessed.</p>
      </div>
    </Callout>
  );
}

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

function ColumnsSection({ draft, target, change }: { draft: MappingDraft; target: number; change: Change }) {
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

/** A text input that commits on blur or Enter (typing does not rebuild the mapping on every key). */
function ConstantInput({ value, label, onCommit }: { value: string; label: string; onCommit: (v: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <input
      className={`${inputClass} w-40`}
      aria-label={label}
      value={text}
      placeholder="value"
      onChange={(e) => setText(e.target.value)}
      onBlur={() => text !== value && onCommit(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onCommit(text);
      }}
      data-testid="column-constant"
    />
  );
}

/** The first records through the mapping, re-run (debounced) after every change; older answers are dropped. */
function usePreview(id: number, draft: MappingDraft, ready: boolean): { state: 'idle' | 'running' | 'done'; preview: MappingPreview | null; error: string | null } {
  const [out, setOut] = useState<{ state: 'idle' | 'running' | 'done'; preview: MappingPreview | null; error: string | null }>({ state: 'idle', preview: null, error: null });
  const seq = useRef(0);
  const key = ready ? `${draft.fileName}\u0000${stringifyMapping(draft.mapping)}` : null;
  const text = draft.sniff.text;
  const name = draft.fileName;
  const mapping = draft.mapping;
  useEffect(() => {
    const mine = ++seq.current;
    if (key === null) {
      setOut({ state: 'idle', preview: null, error: null });
      return;
    }
    setOut((o) => ({ ...o, state: 'running' }));
    const timer = window.setTimeout(() => {
      Promise.all([getSession(), mapping.lookups?.length ? lookupFilesFor(id, mapping) : Promise.resolve(undefined)])
        .then(([s, lookupFiles]) => previewMapping(s.runner, { name, text }, mapping, { maxRecords: PREVIEW_RECORDS, previewRows: PREVIEW_ROWS, lookupFiles }))
        .then(
          (preview) => mine === seq.current && setOut({ state: 'done', preview, error: null }),
          (e: unknown) => mine === seq.current && setOut({ state: 'done', preview: null, error: e instanceof Error ? e.message : String(e) }),
        );
    }, 300);
    return () => window.clearTimeout(timer);
    // `key` stands for the mapping and the file name; the text changes only with a new sniff.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, text]);
  return out;
}

function PreviewSection({ id, draft, ready }: { id: number; draft: MappingDraft; ready: boolean }) {
  const { state, preview, error } = usePreview(id, draft, ready);
  const r = preview?.report;
  return (
    <Section title={`Preview: the first ${PREVIEW_RECORDS} rows, exactly as they will load`} testId="mapping-preview">
      {!ready ? (
        <p className={muted}>The preview appears once the questions are answered and every required column has a source.</p>
      ) : state === 'running' && !preview ? (
        <Spinner label="Reading the first rows through the mapping…" />
      ) : error ? (
        <p className="text-tremor-default text-rose-700 dark:text-rose-400" role="alert">
          The preview failed: {error}
        </p>
      ) : r?.error ? (
        <p className="text-tremor-default text-rose-700 dark:text-rose-400" role="alert" data-testid="preview-error">
          {r.error}
        </p>
      ) : r && preview ? (
        <div className={`space-y-3 ${state === 'running' ? 'opacity-60' : ''}`} aria-busy={state === 'running'}>
          <p className="text-tremor-default tabular-nums" data-testid="preview-accounting" data-read={r.rowsRead} data-loaded={r.rowsLoaded} data-rejected={r.rowsRejected} data-excluded={r.rowsExcluded}>
            Of the first {formatCount(r.rowsRead)} rows: {formatCount(r.rowsLoaded)} would load, {formatCount(r.rowsRejected)} would be rejected,{' '}
            {formatCount(r.rowsExcluded)} excluded{r.rowsWarned > 0 ? `; ${formatCount(r.rowsWarned)} with a warning` : ''}.
          </p>
          {draft.mapping.targets.map((t) => (
            <PreviewTable key={t.table} table={t.table} columns={previewColumns(draft.mapping, t.table)} rows={r.preview?.[t.table] ?? []} />
          ))}
          <IssuesTable issues={preview.issues} />
          {r.unmappedReasons.length > 0 && (
            <p className={muted}>
              Reasons no rule knows (they will count as “unknown”): {r.unmappedReasons.slice(0, 8).map((u) => `${u.reasonRaw} (${formatCount(u.rows)})`).join(', ')}.
            </p>
          )}
          <p className={muted}>
            The preview checks this file on its own. Checks against the other files of the batch (unknown SKUs, returns dated before their order, ids
            already loaded) run when the batch loads.
          </p>
        </div>
      ) : null}
    </Section>
  );
}

function PreviewTable({ table, columns, rows }: { table: string; columns: string[]; rows: Row[] }) {
  return (
    <div>
      <p className={muted}>
        {table}: the first {formatCount(rows.length)} rows that would load
      </p>
      {rows.length === 0 ? (
        <p className="text-tremor-default">None.</p>
      ) : (
        <div className="mt-1 overflow-x-auto">
          <table className="text-left text-tremor-label tabular-nums" data-testid={`preview-rows-${table}`}>
            <thead className={muted}>
              <tr>
                <th className="px-2 py-1 font-normal">line</th>
                {columns.map((c) => (
                  <th key={c} className="px-2 py-1 font-normal">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
              {rows.map((row, i) => (
                <tr key={i} className="text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
                  <td className="px-2 py-1">{previewCell(row.line)}</td>
                  {columns.map((c) => (
                    <td key={c} className="max-w-[14rem] truncate px-2 py-1" title={previewCell(row[c])}>
                      {previewCell(row[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function IssuesTable({ issues }: { issues: Row[] }) {
  if (issues.length === 0) return <p className="text-tremor-default">No row of the preview is refused or flagged.</p>;
  return (
    <div>
      <p className={muted}>Rows refused, excluded or flagged, with the reason</p>
      <div className="mt-1 max-h-72 overflow-auto">
        <table className="text-left text-tremor-label" data-testid="preview-issues">
          <thead className={muted}>
            <tr>
              <th className="px-2 py-1 font-normal">line</th>
              <th className="px-2 py-1 font-normal">kind</th>
              <th className="px-2 py-1 font-normal">reason</th>
              <th className="px-2 py-1 font-normal">row as read</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
            {issues.map((x, i) => (
              <tr key={i} data-line={String(x.line_number)} data-severity={String(x.severity)}>
                <td className="px-2 py-1 tabular-nums">{previewCell(x.line_number)}</td>
                <td className={`px-2 py-1 ${x.severity === 'rejected' ? 'text-rose-700 dark:text-rose-400' : 'text-amber-700 dark:text-amber-400'}`}>{String(x.severity)}</td>
                <td className="px-2 py-1 text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">{String(x.reason)}</td>
                <td className="max-w-md px-2 py-1">
                  <code className="block truncate font-mono text-xs" title={String(x.raw ?? '')}>
                    {String(x.raw ?? '')}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function MappingFileSection({ draft, ready, change }: { draft: MappingDraft; ready: boolean; change: Change }) {
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [loaded, setLoaded] = useState<string | null>(null);
  const readSavedMapping = async (file: File) => {
    const result = applySavedMapping(draft, await file.text(), file.name);
    if (result.ok) {
      setErrors([]);
      setLoaded(file.name);
      change(() => result.draft);
    } else {
      setLoaded(null);
      setErrors(result.errors);
    }
  };
  return (
    <Section title="Mapping file">
      <div className="flex flex-wrap items-end gap-3">
        <label className={labelClass}>
          Name
          <input
            className={`${inputClass} w-72`}
            value={draft.mapping.name}
            onChange={(e) => {
              const name = e.target.value;
              change((d) => ({ ...d, mapping: { ...d.mapping, name } }));
            }}
            data-testid="mapping-name"
          />
        </label>
        <Button
          variant="secondary"
          disabled={!ready}
          title={ready ? 'Save this mapping as JSON: use it for next month’s export, here or with the CLI (--mapping)' : 'Answer the questions and map the required columns first'}
          onClick={() => downloadText(mappingFileName(draft.fileName), stringifyMapping(draft.mapping), 'application/json')}
          data-testid="mapping-download"
        >
          Download mapping
        </Button>
        <Button variant="secondary" onClick={() => input.current?.click()} data-testid="mapping-use-saved">
          Use a saved mapping
        </Button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void readSavedMapping(f);
          }}
          data-testid="mapping-file-input"
        />
      </div>
      {loaded && <p className={`${muted} mt-2`}>Using {loaded}.</p>}
      {errors.length > 0 && (
        <Callout color="rose" title="This mapping cannot be used for this file" className="mt-3" data-testid="mapping-file-errors">
          <ul className="list-disc pl-5">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Callout>
      )}
    </Section>
  );
}
