import { Callout } from '@tremor/react';

/** Shown instead of a panel whose model needs columns the loaded data does not have. */
export function NeedsColumns({ missing }: { missing: string[] }) {
  return (
    <Callout title={`Needs column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`} color="amber" data-testid="needs-columns">
      The loaded data has no values in {missing.length > 1 ? 'these columns' : 'this column'}, so this panel cannot be
      computed. Add {missing.length > 1 ? 'them' : 'it'} to the export to see it.
    </Callout>
  );
}
