// The shapes services see: a transaction client, scoped to one tenant, to no tenant, or (admin) to all.
import type { Prisma } from "../generated/prisma/client.ts";

export type Tx = Prisma.TransactionClient;

/** The API's handle: every query runs inside a transaction as the non-owner app role. */
export interface Database {
  /** Runs `fn` in a transaction whose RLS scope is `tenantId`. */
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` in a transaction with no tenant set: only global tables are visible. */
  withApp<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * Cross-tenant access (BYPASSRLS role). Only platform-admin routes and services, the outbox
 * relay, webhook routing and the CLI may hold one; src/db/admin-imports.test.ts enforces it.
 */
export interface AdminDatabase {
  withAdmin<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}
