import { useEffect, useState, type ReactNode } from 'react';
import type { MappingDraft } from '../mapping-step';

/** Shared pieces of the mapping step's sections: styles, a titled section, a text input that commits. */

export const inputClass =
  'rounded-tremor-default border border-tremor-border bg-tremor-background px-2 py-1.5 text-tremor-default text-tremor-content-emphasis shadow-tremor-input outline-none focus:ring-2 focus:ring-tremor-brand-muted disabled:opacity-60 dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis dark:shadow-dark-tremor-input dark:focus:ring-dark-tremor-brand-muted dark:[color-scheme:dark]';
export const labelClass = 'flex flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content';
export const muted = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';
export const strong = 'text-tremor-content-strong dark:text-dark-tremor-content-strong';

/** Changes the draft of the file being mapped (the store keeps it). */
export type Change = (fn: (d: MappingDraft) => MappingDraft) => void;

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId}>
      <h4 className={`text-tremor-default font-medium ${strong}`}>{title}</h4>
      <div className="mt-2">{children}</div>
    </section>
  );
}

/** A text input that commits on blur or Enter (typing does not rebuild the mapping on every key). */
export function TextField({ value, label, onCommit, testId, className = 'w-40', placeholder = 'value' }: {
  value: string;
  label: string;
  onCommit: (v: string) => void;
  testId?: string;
  className?: string;
  placeholder?: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <input
      className={`${inputClass} ${className}`}
      aria-label={label}
      value={text}
      placeholder={placeholder}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => text !== value && onCommit(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && text !== value) onCommit(text);
      }}
      data-testid={testId}
    />
  );
}

/** A small text button (add, remove) in the brand colour. */
export function LinkButton({ onClick, children, testId, label }: { onClick: () => void; children: ReactNode; testId?: string; label?: string }) {
  return (
    <button
      type="button"
      className="rounded px-1 text-tremor-default text-tremor-brand hover:underline focus:outline-none focus:ring-2 focus:ring-tremor-brand-muted dark:text-dark-tremor-brand"
      onClick={onClick}
      aria-label={label}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

/** Options of a select of source columns: the file's, then those of the lookups ("products.Name"). */
export function ColumnOptions({ header, lookups = [] }: { header: readonly string[]; lookups?: readonly string[] }) {
  return (
    <>
      <optgroup label="Columns of the file">
        {header.map((h) => (
          <option key={h} value={`col:${h}`}>
            {h}
          </option>
        ))}
      </optgroup>
      {lookups.length > 0 && (
        <optgroup label="Looked up in other files">
          {lookups.map((h) => (
            <option key={h} value={`col:${h}`}>
              {h}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}

/** A select of one source column (value = the column's name). */
export function ColumnSelect({ value, header, lookups, label, onChange, testId }: {
  value: string;
  header: readonly string[];
  lookups?: readonly string[];
  label: string;
  onChange: (name: string) => void;
  testId?: string;
}) {
  const known = header.includes(value) || (lookups ?? []).includes(value);
  return (
    <select className={`${inputClass} max-w-[16rem]`} aria-label={label} value={`col:${value}`} onChange={(e) => onChange(e.target.value.slice(4))} data-testid={testId}>
      {!known && <option value={`col:${value}`}>{value === '' ? '— choose a column —' : `${value} (not in the file)`}</option>}
      <ColumnOptions header={header} lookups={lookups} />
    </select>
  );
}

/** What the controls of one target table work on: the draft, the target's index, the columns a source can read. */
export interface TargetContext {
  draft: MappingDraft;
  target: number;
  change: Change;
  /** The file's header. */
  header: readonly string[];
  /** "<lookup>.<column>" names of the lookups' files in the batch. */
  lookups: readonly string[];
}
