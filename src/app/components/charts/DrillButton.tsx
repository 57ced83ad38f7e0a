import type { ReactNode } from 'react';

/**
 * A number that opens the rows behind it (props.openDrill). Inside a clickable row it stops
 * the click from also selecting the row. Its name is the number it shows (what a voice-control
 * user says); the title, which says what opens, is its description.
 */
export function DrillButton({ onClick, title, children }: { onClick: () => void; title: string; children: ReactNode }) {
  return (
    <button
      type="button"
      title={title}
      className="rounded-tremor-small tabular-nums text-tremor-brand underline decoration-dotted underline-offset-2 hover:decoration-solid focus-visible:outline focus-visible:outline-2 focus-visible:outline-tremor-brand dark:text-dark-tremor-brand-emphasis"
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {children}
    </button>
  );
}
