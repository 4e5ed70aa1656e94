// What a caller of the query API learns when Athena fails or refuses a query. Athena's
// StateChangeReason and the SDK's error messages name S3 locations, account ids, role ARNs and
// engine internals: they go to the function's log (with the execution id) and never into the
// response, which says what kind of failure it was and where an operator finds the rest.

/** A query that reached a final state other than SUCCEEDED. */
export function queryFailedMessage(state: string, executionId: string, errorType?: number): string {
  if (state === 'CANCELLED') return 'the query was cancelled';
  const kind = errorType === undefined ? '' : ` (Athena error type ${errorType})`;
  return `the query failed in Athena${kind}; the reason is in the API function's log under execution ${executionId}`;
}

/** Athena refused the request itself (the SDK threw): only the exception's name is public. */
export function athenaRefusedMessage(errorName: string): string {
  const name = /^[A-Za-z]+$/.test(errorName) ? errorName : 'error';
  return `Athena refused the query (${name}); the details are in the API function's log`;
}
