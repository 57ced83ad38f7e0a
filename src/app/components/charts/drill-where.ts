/**
 * `where` of a drill behind a count of accepted returns (units returned, rates, costs): the
 * drill then lists the same returns the number counts (rejected ones are left out), and says so.
 */
export const ACCEPTED = { accepted_only: 'true' } as const;
