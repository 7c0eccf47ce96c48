// A store behind a fake wx for page tests: the built runtime (the instance the built pages use) is
// pointed at it, with its kept copies and settings forgotten between tests.
import type * as CachedFetch from "../src/core/cached-fetch.ts";
import type * as RuntimeModule from "../src/core/runtime.ts";
import type * as StoreSettingsModule from "../src/core/store-settings.ts";
import { createFakeWx, type FakeHandler, type FakeWx } from "./fake-wx.ts";
import { distRequire } from "./simulate.ts";

export function useFakeStore(handler: FakeHandler, ext: Record<string, unknown> = {}): FakeWx {
  const fake = createFakeWx({ handler, ext: { tenantKey: "shanye", apiBase: "https://api.mallwright.test", ...ext } });
  distRequire<typeof CachedFetch>("core/cached-fetch.js").forgetKeptBodies();
  distRequire<typeof StoreSettingsModule>("core/store-settings.js").resetSettings();
  const runtime = distRequire<typeof RuntimeModule>("core/runtime.js");
  runtime.setRuntime(runtime.createRuntime(fake.wx, { sleep: () => Promise.resolve() }));
  return fake;
}
