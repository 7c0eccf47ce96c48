// The back office's order list: tabs by status with counts, search by order number, a phone's last
// four digits or product words, a date range, newest first with id cursors (UUIDv7 ids follow
// creation time). Two queries whatever the page size: the page (with lines and history) and the counts.
import { ORDER_STATUSES, type TMerchantOrderQuery, type TOrderStatus } from "@mallwright/schema";
import { escapeLike } from "../../db/like.ts";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { fieldCipher } from "../../integrations/crypto/field-cipher.ts";
import { presentOrder } from "./present-order.ts";

/** The list's filters but the status and the cursor (the tabs count across statuses). */
export function filters(q: Pick<TMerchantOrderQuery, "q" | "from" | "to">): Prisma.OrderWhereInput {
  const and: Prisma.OrderWhereInput[] = [];
  if (q.from) and.push({ createdAt: { gte: new Date(`${q.from}T00:00:00Z`) } });
  if (q.to) and.push({ createdAt: { lt: new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) } });
  if (q.q) {
    const text = q.q;
    and.push({
      OR: [
        { number: { startsWith: escapeLike(text) } },
        ...(/^\d{4}$/.test(text) ? [{ phoneTail: text }] : []),
        { lines: { some: { title: { contains: escapeLike(text), mode: "insensitive" } } } },
      ],
    });
  }
  return and.length > 0 ? { AND: and } : {};
}

export async function listMerchantOrders(
  db: Database,
  env: Env,
  tenantId: string,
  q: TMerchantOrderQuery,
  masked: boolean,
) {
  const cipher = fieldCipher(env);
  const where = filters(q);
  return db.withTenant(tenantId, async (tx) => {
    const rows = await tx.order.findMany({
      where: { ...where, ...(q.status ? { status: q.status } : {}), ...(q.cursor ? { id: { lt: q.cursor } } : {}) },
      include: {
        lines: { orderBy: { position: "asc" } },
        events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      },
      orderBy: { id: "desc" },
      take: q.limit + 1,
    });
    const grouped = await tx.order.groupBy({ by: ["status"], where, _count: { _all: true } });
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<TOrderStatus, number>;
    let all = 0;
    for (const g of grouped) {
      if (g.status in counts) counts[g.status as TOrderStatus] = g._count._all;
      all += g._count._all;
    }
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((o) => ({ ...presentOrder(cipher, o, masked), merchantRemark: o.merchantRemark })),
      nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
      counts: { ...counts, all },
    };
  });
}
