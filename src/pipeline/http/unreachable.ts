// A source host that cannot be reached, said plainly: which host, why in words, and what to do
// offline (the bundled or a downloaded copy through --url file://…), instead of a bare
// `getaddrinfo ENOTFOUND www.datos.gov.co`. The errno code is kept, so retry rules still apply.

const WHY: Record<string, string> = {
  ENOTFOUND: 'its name does not resolve (no network or DNS?)',
  EAI_AGAIN: 'its name could not be resolved right now (no network or DNS?)',
  ECONNREFUSED: 'it refused the connection',
  EHOSTUNREACH: 'no route to it (no network?)',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
};

/** The same error, reworded when it is a connection failure; anything else passes unchanged. */
export function describeConnectError(error: unknown, url: URL): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (!code || !(code in WHY)) return error;
  const message = `host ${url.host} is unreachable: ${WHY[code]} (${code}). Offline, ingest a local copy with --url file:///path/to/file`;
  return Object.assign(new Error(message, { cause: error }), { code });
}
