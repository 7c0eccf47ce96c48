import { useTranslation } from "react-i18next";
import { LANGUAGES, setLanguage } from "../i18n/index.ts";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select
      className="language-switch"
      aria-label={t("app.language")}
      value={i18n.language}
      onChange={(e) => {
        const picked = LANGUAGES.find((l) => l.code === e.target.value);
        if (picked) setLanguage(picked.code);
      }}
    >
      {LANGUAGES.map((l) => (
        <option key={l.code} value={l.code}>
          {l.label}
        </option>
      ))}
    </select>
  );
}
