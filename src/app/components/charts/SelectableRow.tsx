import type { ReactNode } from 'react';
import { TableRow } from '@tremor/react';

/**
 * A table row that selects its value on click or Enter/Space (cross-filter). The selected row is
 * tinted and marked at its left edge; when another value is selected, the row's graphics (its
 * interval bar) fade so the selection stands out, and its text keeps full contrast (faded
 * text fell under 4.5:1).
 */
export function SelectableRow({
  selected,
  anySelected,
  onSelect,
  label,
  value,
  children,
}: {
  selected: boolean;
  anySelected: boolean;
  onSelect: () => void;
  /** What the row is, for screen readers ("SKU SHO-0009"). */
  label: string;
  /** The value, as data-value (tests and the page find a row by it). */
  value?: string;
  children: ReactNode;
}) {
  return (
    <TableRow
      tabIndex={0}
      aria-selected={selected}
      aria-label={`${label}${selected ? ' (selected: press to clear)' : ''}`}
      data-selected={selected || undefined}
      data-value={value}
      className={`cursor-pointer transition-opacity hover:bg-tremor-background-muted focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-tremor-brand dark:hover:bg-dark-tremor-background-subtle ${
        selected ? 'bg-tremor-brand-faint shadow-[inset_3px_0_0_0_theme(colors.blue.500)] dark:bg-dark-tremor-brand-faint' : ''
      } ${anySelected && !selected ? '[&_[role=img]]:opacity-40' : ''}`}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
    >
      {children}
    </TableRow>
  );
}
