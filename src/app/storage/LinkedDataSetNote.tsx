import { Callout } from '@tremor/react';
import type { LinkedDataSet } from './use-linked-data-set';

/** Says when the data set a link was made on is not the one shown (not kept here, or being opened). */
export function LinkedDataSetNote({ linked, shown }: { linked: LinkedDataSet; shown: string }) {
  if (linked.status === 'missing') {
    const { name, fingerprint } = linked.wanted;
    return (
      <Callout color="amber" title="This link was made on other data" data-testid="data-set-missing" data-fingerprint={fingerprint}>
        {`This link was made on '${name}' (${fingerprint}), which is not kept in this browser. It shows '${shown}' instead: load that data on the Data page to see the view as it was made.`}
      </Callout>
    );
  }
  if (linked.status === 'failed') {
    return (
      <Callout color="rose" title="The data set could not be opened" data-testid="data-set-failed">
        {`${linked.message} '${shown}' is shown instead.`}
      </Callout>
    );
  }
  if (linked.status === 'opening') {
    return (
      <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content" data-testid="data-set-opening">
        Opening {linked.name}…
      </p>
    );
  }
  return null;
}
