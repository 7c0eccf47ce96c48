// The error handler: an overloaded database (no connection or transaction slot in time, a deadlock
// victim) is a 503 the client may retry, with Retry-After; any other unexpected error a 500 that
// says nothing of what went wrong.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "./context.ts";
import { onApiError } from "./error-handler.ts";

function appThrowing(err: unknown) {
  const app = new Hono<AppEnv>();
  app.use((c, next) => {
    c.set("requestId", "req-12345678");
    return next();
  });
  app.get("/", () => {
    throw err;
  });
  app.onError(onApiError);
  return app;
}

describe("onApiError", () => {
  it("answers 503 with Retry-After when the database is too busy", async () => {
    for (const code of ["P2024", "P2028", "40P01"]) {
      const res = await appThrowing(Object.assign(new Error("busy"), { code })).request("/");
      expect(res.status, code).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(await res.json()).toMatchObject({ error: { code: "unavailable", requestId: "req-12345678" } });
    }
  });

  it("answers 500 for anything else, without its message", async () => {
    const res = await appThrowing(Object.assign(new Error("secret detail"), { code: "23514" })).request("/");
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("secret detail");
  });
});
