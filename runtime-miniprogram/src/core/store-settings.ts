// The store's published look: name, logo, theme and tab bar from GET /store/v1/settings (kept with
// its ETag like pages). Until it arrives, the kept copy or the defaults; the tab bar listens.
import type { TStoreTheme, TTabBar } from "@mallwright/schema";
import { DEFAULT_TAB_BAR, DEFAULT_THEME } from "../vendor/schema.ts";
import { fetchWithEtag, keptBody } from "./cached-fetch.ts";
import type { Runtime } from "./runtime.ts";

export interface StoreSettings {
  name: string;
  logoUrl: string | null;
  theme: TStoreTheme;
  tabBar: TTabBar;
  /** null: never published (the defaults). */
  version: number | null;
}

export const SETTINGS_PATH = "/store/v1/settings";
const KEY = "settings";

export const DEFAULT_SETTINGS: StoreSettings = {
  name: "",
  logoUrl: null,
  theme: DEFAULT_THEME,
  tabBar: DEFAULT_TAB_BAR,
  version: null,
};

let current: StoreSettings | null = null;
const listeners = new Set<(s: StoreSettings) => void>();

/** What is known now: the last loaded settings, the kept copy, or the defaults. */
export function currentSettings(runtime: Runtime): StoreSettings {
  current ??= normalize(keptBody<StoreSettings>(runtime, KEY));
  return current;
}

/** Loads the published settings (revalidating the kept copy) and tells the listeners when they changed. */
export async function loadSettings(runtime: Runtime): Promise<StoreSettings> {
  try {
    const { body, changed } = await fetchWithEtag<StoreSettings>(runtime, SETTINGS_PATH, KEY, { quiet: true });
    if (changed || !current) {
      current = normalize(body);
      for (const listener of listeners) listener(current);
    }
  } catch {
    // Pages render with the kept copy or the defaults; the page's own request shows the error.
  }
  return currentSettings(runtime);
}

export function onSettingsChange(listener: (s: StoreSettings) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets the loaded settings (tests). */
export function resetSettings(): void {
  current = null;
  listeners.clear();
}

function normalize(body: Partial<StoreSettings> | null): StoreSettings {
  if (!body || typeof body !== "object") return DEFAULT_SETTINGS;
  return {
    name: typeof body.name === "string" ? body.name : "",
    logoUrl: typeof body.logoUrl === "string" ? body.logoUrl : null,
    theme: body.theme ?? DEFAULT_THEME,
    tabBar: body.tabBar?.items?.length ? body.tabBar : DEFAULT_TAB_BAR,
    version: typeof body.version === "number" ? body.version : null,
  };
}
