import type { ReactNode } from 'react';

/** A page's title, the question it answers, and its page-level controls (right). */
export function PageHeader({ title, question, children }: { title: string; question: string; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{title}</h2>
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">{question}</p>
      </div>
      {children}
    </div>
  );
}

/** A quiet line of explanation under a chart or table. */
export function Note({ children }: { children: ReactNode }) {
  return <p className="mt-3 text-tremor-label text-tremor-content dark:text-dark-tremor-content">{children}</p>;
}

/** The empty state of a panel whose model returned no rows. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">{children}</p>;
}
