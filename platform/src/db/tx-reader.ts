// A TenantReader over a transaction that is already open and scoped to a tenant (Database.withTenant),
// so read-path queries (page hydration) can run inside a write: a publish checks the page against the
// catalog it commits with. Queries are built with the sql tag of read.ts (parameters only).

import { encodeParam, type Row, type Sql, type TenantReader } from "./read.ts";
import type { Tx } from "./types.ts";

export function readerOverTx(tx: Tx, tenantId: string): TenantReader {
  async function run(queries: readonly Sql<unknown>[]): Promise<Row[][]> {
    const out: Row[][] = [];
    for (const q of queries) out.push(await tx.$queryRawUnsafe<Row[]>(q.text, ...q.values.map(encodeParam)));
    return out;
  }
  const scoped = (scope: string, queries: readonly Sql<unknown>[]) => {
    // The transaction's RLS scope was set when it opened; another tenant cannot be read through it.
    if (scope !== tenantId) throw new Error("readerOverTx: the transaction is scoped to another tenant");
    return run(queries);
  };
  return {
    read: (scope, queries) => scoped(scope, queries) as never,
    // Part of the caller's transaction: it commits or rolls back with it.
    write: (scope, statements) => scoped(scope, statements) as never,
    readGlobal: () => {
      throw new Error("readerOverTx: a tenant transaction cannot run global reads");
    },
    call: () => {
      throw new Error("readerOverTx: a statement of its own cannot run inside another transaction");
    },
    close: async () => {},
  };
}
