import { Callout } from '@tremor/react';

/** An error in place of a panel (or the page): the message, never a blank area. */
export function ErrorNote({ title = 'Something went wrong', message, onRetry }: { title?: string; message: string; onRetry?: () => void }) {
  return (
    <Callout title={title} color="rose" data-testid="error">
      <span className="whitespace-pre-wrap">{message}</span>
      {onRetry && (
        <button type="button" onClick={onRetry} className="ml-2 underline">
          Try again
        </button>
      )}
    </Callout>
  );
}
