// zh-CN (default) and en. The chosen language is kept in localStorage; block labels come from the
// registry's own { zh, en } pairs through `localized()`.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";
import { zhCN } from "./zh-CN.ts";

export const LANGUAGES = [
  { code: "zh-CN", label: "简体中文" },
  { code: "en", label: "English" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "mallwright.language";

function initialLanguage(): Language {
  const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return saved === "en" || saved === "zh-CN" ? saved : "zh-CN";
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
});

/** The language the user chose and saved, if any (the phone preview otherwise follows the browser). */
export function savedLanguage(): Language | null {
  const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return saved === "en" || saved === "zh-CN" ? saved : null;
}

export function setLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  void i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
}

/** The registry's { zh, en } labels in the current language. */
export function localized(text: { zh: string; en: string }, lng: string = i18n.language): string {
  return lng === "en" ? text.en : text.zh;
}

export default i18n;

type Bundle = { [key: string]: string | Bundle };

/**
 * Adds an area's strings under `namespace` (t("designer.publish")). Each area keeps its own
 * messages file beside its code and registers it on import, zh-CN and en side by side.
 */
export function registerMessages<T extends Bundle>(namespace: string, zh: T, en: NoInfer<Widen<T>>): void {
  i18n.addResourceBundle("zh-CN", "translation", { [namespace]: zh }, true, true);
  i18n.addResourceBundle("en", "translation", { [namespace]: en }, true, true);
}

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
