// A relational source the reference extracts read from: PGlite on local, RDS through `pg` on aws.
// Connections are opened for a piece of work and closed after it: ingestion runs are rare, and
// an embedded database held open would lock out other lakedeck processes.
import type { SqlClient } from './tables.js';

export interface ReferenceDatabase {
  /** Where the data lives, for the manifest (never credentials). */
  describe(): string;
  use<T>(work: (client: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Connection {
  client: SqlClient;
  close(): Promise<void>;
}

/**
 * Shares one connection between overlapping uses (the seeding extracts two tables at once) and
 * closes it when the last one ends. `prepare` runs once per connection, before any work.
 */
export function sharedConnection(
  describe: () => string,
  connect: () => Promise<Connection>,
  prepare: (client: SqlClient) => Promise<void> = async () => {},
): ReferenceDatabase {
  let open: Promise<Connection> | undefined;
  let closing: Promise<void> = Promise.resolve();
  let users = 0;
  // One statement at a time: pg and PGlite connections do not run queries in parallel, and two
  // extracts interleaving BEGIN/COMMIT on one connection would share a transaction.
  let queue: Promise<unknown> = Promise.resolve();
  const closeIfIdle = async () => {
    if (users > 0 || !open) return;
    const connection = open;
    open = undefined;
    closing = connection
      .then(
        (c) => c.close(),
        () => {},
      )
      .catch(() => {});
    await closing;
  };
  return {
    describe,
    async use(work) {
      users += 1;
      try {
        open ??= closing.then(connect).then(async (connection) => {
          await prepare(connection.client).catch(async (error) => {
            await connection.close().catch(() => {});
            throw error;
          });
          return connection;
        });
        const connection = await open.catch((error) => {
          open = undefined;
          throw error;
        });
        const run = queue.then(() => work(connection.client));
        queue = run.catch(() => {});
        return await run;
      } finally {
        users -= 1;
        await closeIfIdle();
      }
    },
    close: closeIfIdle,
  };
}
