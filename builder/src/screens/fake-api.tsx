// Test support for the screen tests: a stand-in for `fetch` at the HTTP boundary that answers the
// platform's routes with JSON shaped by the API's own schemas, records what was sent, and renders
// a screen signed in with chosen permissions.
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import { vi } from "vitest";
import i18n from "../i18n/index.ts";
import { type Me, useSession } from "../shell/session.ts";

export interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

type Handler = (req: Sent) => unknown;

/** Routes as "GET /merchant/v1/products/:id"; a handler returns the body (200) or a Reply. */
export function serveApi(routes: Record<string, Handler>): Sent[] {
  const sent: Sent[] = [];
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern = ""] = key.split(" ");
    const regex = new RegExp(`^${pattern.replace(/:[a-z]+/gi, "[^/]+")}$`);
    return { method, regex, handler };
  });
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const raw = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw, "http://localhost");
    const method = (init?.method ?? "GET").toUpperCase();
    let body: unknown;
    if (typeof init?.body === "string") body = JSON.parse(init.body);
    else if (init?.body) body = init.body;
    const req = { method, path: url.pathname, query: url.searchParams, headers: new Headers(init?.headers), body };
    sent.push(req);
    const route = table.find((r) => r.method === method && r.regex.test(url.pathname));
    if (!route) {
      return json(404, { error: { code: "not_found", message: `no route ${method} ${url.pathname}`, requestId: "t" } });
    }
    const out = route.handler(req);
    return out instanceof Reply ? json(out.status, out.body) : json(200, out);
  });
  return sent;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

const ALL = [
  "store:read",
  "staff:read",
  "staff:manage",
  "store:transfer",
  "catalog:read",
  "catalog:manage",
  "pages:read",
  "pages:manage",
  "pages:publish",
  "orders:read",
  "orders:manage",
  "orders:contact",
  "billing:read",
  "billing:manage",
];

export const ME: Me = {
  user: { id: "0190d7c4-0000-7000-8000-0000000000a1", email: "owner@demo.test", name: "王店主" },
  tenant: {
    id: "0190d7c4-0000-7000-8000-0000000000b1",
    key: "demo",
    name: "演示小店",
    plan: "growth",
    status: "active",
  },
  role: "owner",
  permissions: ALL,
  memberships: [{ key: "demo", name: "演示小店", role: "owner" }],
};

/** Renders `ui` at `path` (matched by `route`), signed in as `me`, in English. */
export function renderScreen(
  ui: ReactElement,
  { me = ME, path = "/", route = "*" }: { me?: Me; path?: string; route?: string } = {},
) {
  void i18n.changeLanguage("en");
  useSession.setState({ merchant: { status: "signed-in", me } });
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path={route} element={ui} />
      </Routes>
    </MemoryRouter>,
  );
}

/** Ids that pass z.uuid(): version 7, variant 8. */
export function uuid(n: number): string {
  return `0190d7c4-0000-7000-8000-${String(n).padStart(12, "0")}`;
}
