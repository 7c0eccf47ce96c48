// The signed-in shopper's address book (encrypted at rest; services/addresses/manage-addresses.ts).
import { OpenAPIHono } from "@hono/zod-openapi";
import { ZAddress, ZAddressInput, ZAddressList, ZUpdateAddressRequest, ZUuid } from "@mallwright/schema";
import { z } from "zod";
import { defineRoute } from "../../http/access.ts";
import type { AppEnv } from "../../http/context.ts";
import { body, ERRORS, json } from "../../http/responses.ts";
import { validationHook } from "../../http/validation.ts";
import {
  addAddress,
  getAddress,
  listAddresses,
  removeAddress,
  updateAddress,
} from "../../services/addresses/manage-addresses.ts";

const tags = ["store: addresses"];
const access = { kind: "shopper" } as const;
const one = { kind: "shopper", params: { id: "address" } } as const;
const common = { 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404], 423: ERRORS[423] };
const params = z.strictObject({ id: ZUuid });
const example = {
  recipient: "王小明",
  phone: "13800138000",
  province: "浙江省",
  city: "杭州市",
  district: "西湖区",
  detail: "文三路 90 号 3 幢 501",
};

export const storeAddressRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineRoute({
      method: "get",
      path: "/addresses",
      tags,
      summary: "The address book, the default first",
      access,
      responses: { 200: json(ZAddressList, "Addresses"), ...common },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json({ items: await listAddresses(db, env, c.get("shopper")) }, 200);
    },
  )
  .openapi(
    defineRoute({
      method: "post",
      path: "/addresses",
      tags,
      summary: "Add an address (the first one becomes the default)",
      access,
      request: { body: body(ZAddressInput, example) },
      responses: { 201: json(ZAddress, "The address"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await addAddress(db, env, c.get("shopper"), c.req.valid("json")), 201);
    },
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/addresses/{id}",
      tags,
      summary: "One address",
      access: one,
      request: { params },
      responses: { 200: json(ZAddress, "The address"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await getAddress(db, env, c.get("shopper"), c.req.valid("param").id), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "patch",
      path: "/addresses/{id}",
      tags,
      summary: "Change an address, or make it the default ({isDefault: true})",
      access: one,
      request: { params, body: body(ZUpdateAddressRequest, { isDefault: true }) },
      responses: { 200: json(ZAddress, "The address"), ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      const { db, env } = c.get("deps");
      return c.json(await updateAddress(db, env, c.get("shopper"), c.req.valid("param").id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    defineRoute({
      method: "delete",
      path: "/addresses/{id}",
      tags,
      summary: "Remove an address (a removed default passes to the newest other one)",
      access: one,
      request: { params },
      responses: { 204: { description: "Removed" }, ...common, 422: ERRORS[422] },
    }),
    async (c) => {
      await removeAddress(c.get("deps").db, c.get("shopper"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
