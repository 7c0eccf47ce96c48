// A list prop (carousel slides, navigation items, image-cube cells): add, remove and reorder items, each
// edited with the item's own field hints. Adding and removing follow the hint's min/max and the block's
// schema (an image cube's cell count is fixed by its layout).

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../../i18n/index.ts";
import "../messages.ts";
import { FieldControl } from "./field-control.tsx";
import type { FieldProps, HintOf } from "./field-props.ts";
import { elementOf, newItem, shapeOf } from "./prop-schema.ts";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function ListField({ hint, value, id, schema, onChange, fits }: FieldProps<HintOf<"list">>) {
  const { t, i18n } = useTranslation();
  const items = Array.isArray(value) ? value : [];
  const element = elementOf(schema);
  const itemShape = shapeOf(element);
  const [open, setOpen] = useState<number | null>(items.length > 0 ? 0 : null);
  const accepted = (next: unknown[]) => (fits ? fits(next) : schema ? schema.safeParse(next).success : true);
  const canAdd = items.length < hint.max && accepted([...items, newItem(element)]);
  const canRemove = items.length > hint.min && accepted(items.slice(1));
  const move = (i: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item);
    if (onChange(next)) setOpen(i + by);
  };
  return (
    <div className="dz-list-field" id={id}>
      <span className="muted">{t("designer.list.count", { count: items.length, max: hint.max })}</span>
      <ol>
        {items.map((item, i) => {
          const fields = isRecord(item) ? item : {};
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: items have no ids; the index is their identity here
            <li key={i} className="dz-list-item">
              <div className="dz-list-head">
                <button
                  type="button"
                  className="link"
                  aria-expanded={open === i}
                  onClick={() => setOpen(open === i ? null : i)}
                >
                  {t("designer.list.item", { n: i + 1 })}
                </button>
                <span className="row">
                  <button
                    type="button"
                    className="dz-icon-button"
                    aria-label={t("designer.list.up")}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="dz-icon-button"
                    aria-label={t("designer.list.down")}
                    disabled={i === items.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="dz-icon-button danger"
                    aria-label={t("designer.list.remove")}
                    disabled={!canRemove}
                    onClick={() => {
                      if (onChange(items.filter((_, j) => j !== i))) setOpen(null);
                    }}
                  >
                    ×
                  </button>
                </span>
              </div>
              {open === i && (
                <div className="dz-list-body">
                  {Object.entries(hint.item).map(([key, itemHint]) => {
                    const label = localized(itemHint.label, i18n.language);
                    const fieldId = `${id}-${i}-${key}`;
                    return (
                      <div key={key} className="field">
                        <label className="field-label" htmlFor={fieldId}>
                          {label}
                        </label>
                        <FieldControl
                          hint={itemHint}
                          value={fields[key]}
                          label={label}
                          id={fieldId}
                          schema={itemShape[key]}
                          props={fields}
                          onChange={(v) =>
                            onChange(items.map((it, j) => (j === i ? { ...(isRecord(it) ? it : {}), [key]: v } : it)))
                          }
                        />
                      </div>
                    );
                  })}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        disabled={!canAdd}
        onClick={() => {
          if (onChange([...items, newItem(element)])) setOpen(items.length);
        }}
      >
        + {localized(hint.addLabel, i18n.language)}
      </button>
    </div>
  );
}
