// Facts about the caller's connection: IP (for throttling) and session cookies.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "./context.ts";

export function clientIp(c: Context<AppEnv>): string {
  if (c.get("deps").env.TRUST_PROXY) {
    const first = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (first) return first;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // no socket: an in-process request (tests, the CLI)
  }
}

export function setSessionCookie(c: Context<AppEnv>, name: string, token: string, expiresAt: Date) {
  setCookie(c, name, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.get("deps").env.publicUrl.startsWith("https:"),
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>, name: string) {
  deleteCookie(c, name, { path: "/" });
}
