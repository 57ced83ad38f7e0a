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
export function ConstantInput({ value, label, onCommit }: { value: string; label: string; onCommit: (v: string) => void }) {
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
