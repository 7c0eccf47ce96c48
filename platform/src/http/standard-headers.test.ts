// The security headers written out in standard-headers.ts are hono/secure-headers' defaults (with
// the cross-origin resource policy each kind of response needs), and every response carries them.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { describe, expect, it } from "vitest";
import { API_SECURITY_HEADERS, FILE_SECURITY_HEADERS } from "./standard-headers.ts";

async function honoDefaults(crossOriginResourcePolicy: string): Promise<Record<string, string>> {
  const app = new Hono().use(secureHeaders({ crossOriginResourcePolicy })).get("/", (c) => c.body(null, 204));
  const res = await app.request("/");
  return Object.fromEntries([...res.headers]);
}

const lower = (h: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe("standard security headers", () => {
  it("are hono/secure-headers' defaults, same-site for the API and cross-origin for files", async () => {
    expect(lower(API_SECURITY_HEADERS)).toEqual(await honoDefaults("same-site"));
    expect(lower(FILE_SECURITY_HEADERS)).toEqual(await honoDefaults("cross-origin"));
  });
});
