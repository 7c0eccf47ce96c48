// Lets a fragment written once with the portable builder (src/db/read.ts) run through Prisma too:
// the same strings and parameters, so no SQL text is copied between the two paths.
import { Prisma } from "../generated/prisma/client.ts";
import type { Sql } from "./read.ts";

export function toPrismaSql(q: Sql<unknown>): Prisma.Sql {
  return Prisma.sql(q.strings, ...q.values);
}
