// Preview tokens: only the exact signature text the platform issued is accepted.
import { describe, expect, it } from "vitest";
import { loadEnv } from "../../env.ts";
import { createPreviewToken, verifyPreviewToken } from "./preview-token.ts";

const env = loadEnv({ PREVIEW_SECRET: "a".repeat(43) });
const TENANT = "01a20233-30b4-726b-8369-3d1670d28216";
const PAGE = "01a20233-376f-70ae-a785-f49702c50154";
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("preview tokens", () => {
  it("verifies a fresh token and names its tenant and page", () => {
    const { token } = createPreviewToken(env, TENANT, PAGE);
    expect(verifyPreviewToken(env, token)).toEqual({ tenantId: TENANT, pageId: PAGE });
  });

  it("refuses every other spelling of the signature, including ones that decode to the same bytes", () => {
    const { token } = createPreviewToken(env, TENANT, PAGE);
    const last = token.at(-1) ?? "A";
    const index = B64URL.indexOf(last);
    // 32 bytes take 43 base64url characters: the last one carries 2 spare bits.
    const sameBytes = [0, 1, 2, 3].map((low) => B64URL[(index & ~3) | low]).filter((c) => c !== last);
    expect(sameBytes).toHaveLength(3);
    for (const c of sameBytes) {
      expect(() => verifyPreviewToken(env, `${token.slice(0, -1)}${c}`), c).toThrow(/not valid/);
    }
  });
});
