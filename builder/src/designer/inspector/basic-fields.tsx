// The simple inspector widgets: text, textarea, rich text, number, colour, switch and select. Each one
// turns input into a proposed value; the inspector parses it with the prop's schema and dispatches it.
import { useTranslation } from "react-i18next";
import { localized } from "../../i18n/index.ts";
import { RichTextEditor } from "../../screens/rich-text-editor.tsx";
import "../messages.ts";
import type { FieldProps, HintOf } from "./field-props.ts";
import { accepts, acceptsNull } from "./prop-schema.ts";
import { useDraft } from "./use-draft.ts";

export function TextField({ hint, value, id, onChange }: FieldProps<HintOf<"text" | "textarea">>) {
  const { i18n } = useTranslation();
  const [draft, setDraft] = useDraft(typeof value === "string" ? value : "");
  const placeholder = hint.placeholder ? localized(hint.placeholder, i18n.language) : undefined;
  const change = (text: string) => {
    setDraft(text);
    onChange(text);
  };
  if (hint.widget === "textarea") {
    return (
      <textarea
        id={id}
        rows={3}
        value={draft}
        maxLength={hint.maxLength}
        placeholder={placeholder}
        onChange={(e) => change(e.target.value)}
      />
    );
  }
  return (
    <input
      id={id}
      type="text"
      value={draft}
      maxLength={hint.maxLength}
      placeholder={placeholder}
      onChange={(e) => change(e.target.value)}
    />
  );
}

export function RichTextField({ value, label, onChange }: FieldProps<HintOf<"richtext">>) {
  const { t } = useTranslation();
  return (
    <div className="dz-richtext">
      <RichTextEditor
        value={typeof value === "string" ? value : ""}
        label={label}
        onChange={(html) => onChange(html)}
      />
      <span className="field-hint">{t("designer.field.richHint")}</span>
    </div>
  );
}

export function NumberField({ hint, value, id, onChange }: FieldProps<HintOf<"number">>) {
  const { t } = useTranslation();
  const [draft, setDraft] = useDraft(typeof value === "number" ? String(value) : "");
  const change = (text: string) => {
    setDraft(text);
    if (text.trim() === "") return;
    const n = Number(text);
    if (Number.isFinite(n)) onChange(n);
  };
  const current = typeof value === "number" ? value : hint.min;
  return (
    <span className="dz-number">
      <input
        type="range"
        aria-hidden
        tabIndex={-1}
        min={hint.min}
        max={hint.max}
        step={hint.step ?? 1}
        value={current}
        onChange={(e) => change(e.target.value)}
      />
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={hint.min}
        max={hint.max}
        step={hint.step ?? 1}
        value={draft}
        onChange={(e) => change(e.target.value)}
        onBlur={() => setDraft(String(current))}
      />
      {hint.unit && (
        <span className="dz-unit" title={t("designer.field.unit", { unit: hint.unit })}>
          {hint.unit}
        </span>
      )}
    </span>
  );
}

const HEX = /^#[0-9a-fA-F]{6}$/;

export function ColorField({ value, id, schema, onChange }: FieldProps<HintOf<"color">>) {
  const { t } = useTranslation();
  const hex = typeof value === "string" && HEX.test(value) ? value : "";
  const [draft, setDraft] = useDraft(hex);
  const canTransparent = accepts(schema, "transparent");
  const canNull = acceptsNull(schema);
  const transparent = value === "transparent";
  const themed = value === null;
  const fallback = hex || "#ffffff";
  return (
    <span className="dz-color">
      <input
        type="color"
        aria-label={t("designer.field.hex")}
        value={fallback}
        disabled={transparent || themed}
        onChange={(e) => {
          setDraft(e.target.value);
          onChange(e.target.value);
        }}
      />
      <input
        id={id}
        type="text"
        className="dz-hex"
        value={transparent || themed ? "" : draft}
        placeholder={
          transparent ? t("designer.field.transparent") : themed ? t("designer.field.themeColor") : "#rrggbb"
        }
        disabled={transparent || themed}
        maxLength={7}
        onChange={(e) => {
          setDraft(e.target.value);
          if (HEX.test(e.target.value)) onChange(e.target.value.toLowerCase());
        }}
      />
      {canTransparent && (
        <label className="dz-check">
          <input
            type="checkbox"
            checked={transparent}
            onChange={(e) => onChange(e.target.checked ? "transparent" : fallback)}
          />
          {t("designer.field.transparent")}
        </label>
      )}
      {canNull && (
        <label className="dz-check">
          <input type="checkbox" checked={themed} onChange={(e) => onChange(e.target.checked ? null : fallback)} />
          {t("designer.field.themeColor")}
        </label>
      )}
    </span>
  );
}

export function SwitchField({ value, id, onChange }: FieldProps<HintOf<"switch">>) {
  const { t } = useTranslation();
  const on = value === true;
  return (
    <span className="dz-switch">
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={on}
        checked={on}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span aria-hidden>{on ? t("designer.field.on") : t("designer.field.off")}</span>
    </span>
  );
}

export function SelectField({ hint, value, id, onChange }: FieldProps<HintOf<"select">>) {
  const { i18n } = useTranslation();
  const current = hint.options.findIndex((o) => o.value === value);
  return (
    <select
      id={id}
      value={current < 0 ? "" : String(current)}
      onChange={(e) => {
        const option = hint.options[Number(e.target.value)];
        if (option) onChange(option.value);
      }}
    >
      {current < 0 && <option value="">—</option>}
      {hint.options.map((o, i) => (
        <option key={String(o.value)} value={String(i)}>
          {localized(o.label, i18n.language)}
        </option>
      ))}
    </select>
  );
}
