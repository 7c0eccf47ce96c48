// The back office's after-sales queue: requests by status, one request, approve (refund through
// the order's payment provider; returned units back into stock when asked) or reject with a reason.
import { OpenAPIHono } from "@hono/zod-openapi";
import {
  ZAfterSale,
  ZAfterSaleList,
  ZAfterSaleStatus,
  ZApproveAfterSaleRequest,
  ZRejectAfterSaleRequest,
  ZUuid,
} from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { notFound } from "../../http/errors.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import {
  afterSaleInclude,
  approveAfterSale,
  loadAfterSales,
  presentAfterSale,
  rejectAfterSale,
} from "../../services/orders/after-sales.ts";

const tags = ["merchant: after-sales"];
const common = { 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404], 423: ERRORS[423] };
const params = z.strictObject({ id: ZUuid });
const manage = { kind: "merchant", permission: "orders:manage", params: { id: "after-sale" } } as const;

export const merchantAfterSaleRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/after-sales",
      tags,
      summary: "After-sale requests, newest first (status=requested: the queue to decide)",
      access: { kind: "merchant", permission: "orders:read" },
      request: { query: z.strictObject({ status: ZAfterSaleStatus.optional(), cursor: ZUuid.optional() }) },
      responses: { 200: json(ZAfterSaleList, "Requests"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { status, cursor } = c.req.valid("query");
      const m = c.get("merchant");
      const rows = await c.get("deps").db.withTenant(m.tenantId, (tx) =>
        tx.afterSale.findMany({
          where: { ...(status ? { status } : {}), ...(cursor ? { id: { lt: cursor } } : {}) },
          include: afterSaleInclude,
          orderBy: { id: "desc" },
          take: 51,
        }),
      );
      const page = rows.slice(0, 50);
      return c.json(
        {
          items: page.map((a) => presentAfterSale(c.get("deps").env, a)),
          nextCursor: rows.length > 50 ? (page.at(-1)?.id ?? null) : null,
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/after-sales/{id}",
      tags,
      summary: "One after-sale request",
      access: { kind: "merchant", permission: "orders:read", params: { id: "after-sale" } },
      request: { params },
      responses: { 200: json(ZAfterSale, "The request"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const m = c.get("merchant");
      const [row] = await c
        .get("deps")
        .db.withTenant(m.tenantId, (tx) => loadAfterSales(tx, { id: c.req.valid("param").id }));
      if (!row) throw notFound("after-sale request");
      return c.json(presentAfterSale(c.get("deps").env, row), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/after-sales/{id}/approve",
      tags,
      summary: "Approve: refund the amount through the order's payment provider (restock returned units if asked)",
      access: manage,
      request: { params, body: body(ZApproveAfterSaleRequest, { restock: true }) },
      responses: { 200: json(ZAfterSale, "Refunded"), ...common, 409: ERRORS[409], 422: ERRORS[422], 503: ERRORS[503] },
    }),
    async (c) => {
      const m = c.get("merchant");
      const input = c.req.valid("json");
      return c.json(
        await approveAfterSale(c.get("deps"), m.tenantId, m.membershipId, c.req.valid("param").id, {
          restock: input.restock,
          ...(input.note ? { note: input.note } : {}),
        }),
        200,
      );
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/after-sales/{id}/reject",
      tags,
      summary: "Reject with a reason the shopper sees",
      access: manage,
      request: { params, body: body(ZRejectAfterSaleRequest, { reason: "商品已使用，不支持退货" }) },
      responses: { 200: json(ZAfterSale, "Rejected"), ...common, 409: ERRORS[409], 422: ERRORS[422] },
    }),
    async (c) => {
      const m = c.get("merchant");
      return c.json(
        await rejectAfterSale(
          c.get("deps"),
          m.tenantId,
          m.membershipId,
          c.req.valid("param").id,
          c.req.valid("json").reason,
        ),
        200,
      );
    },
  );
