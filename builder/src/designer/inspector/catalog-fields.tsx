// Catalog bindings: where a product list takes its products from (a category, a tag, hand-picked and
// ordered, newest, best-selling), one category, and which categories a category navigation shows.
// They are stored as queries (schema/src/page/bindings.ts); the canvas shows them once hydrated.
import { PRODUCT_SOURCES, type TProductSource, ZCategorySource, ZProductSource } from "@mallwright/schema";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCanvasEnv } from "../canvas-env.ts";
import "../messages.ts";
import { loadCategories, useOptions } from "./catalog.ts";
import type { FieldProps, HintOf } from "./field-props.ts";
import { CategorySelect, ProductLink } from "./link-field.tsx";
import { acceptsNull } from "./prop-schema.ts";

type SourceKind = TProductSource["source"];

function isSourceKind(v: string): v is SourceKind {
  return (PRODUCT_SOURCES as readonly string[]).includes(v);
}

export function ProductsField({ value, id, onChange }: FieldProps<HintOf<"products">>) {
  const { t } = useTranslation();
  const parsed = ZProductSource.safeParse(value);
  const source = parsed.success ? parsed.data : null;
  const [pending, setPending] = useState<SourceKind | null>(null);
  const kind = pending ?? source?.source ?? "newest";
  const commit = (next: TProductSource) => {
    if (onChange(next)) setPending(null);
  };
  return (
    <div className="dz-products">
      <select
        id={id}
        aria-label={t("designer.products.source")}
        value={kind}
        onChange={(e) => {
          const v = e.target.value;
          if (!isSourceKind(v)) return;
          if (v === "newest" || v === "best_selling") commit({ source: v });
          else setPending(v);
        }}
      >
        {PRODUCT_SOURCES.map((s) => (
          <option key={s} value={s}>
            {t(`designer.products.sources.${s}`)}
          </option>
        ))}
      </select>
      {kind === "category" && (
        <CategorySelect
          value={source?.source === "category" ? source.categoryId : null}
          onPick={(categoryId) => commit({ source: "category", categoryId })}
        />
      )}
      {kind === "tag" && (
        <TagInput
          value={source?.source === "tag" ? source.tag : ""}
          onValid={(tag) => commit({ source: "tag", tag })}
        />
      )}
      {kind === "manual" && (
        <ManualProducts
          ids={source?.source === "manual" ? source.productIds : []}
          onChange={(productIds) => commit({ source: "manual", productIds })}
        />
      )}
    </div>
  );
}

function TagInput({ value, onValid }: { value: string; onValid(tag: string): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  return (
    <input
      type="text"
      aria-label={t("designer.products.tag")}
      placeholder={t("designer.products.tag")}
      maxLength={20}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim()) onValid(e.target.value.trim());
      }}
    />
  );
}

/** Hand-picked products: ordered, each removable, more added from a search. */
function ManualProducts({ ids, onChange }: { ids: readonly string[]; onChange(ids: string[]): void }) {
  const { t } = useTranslation();
  const { data } = useCanvasEnv();
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [adding, setAdding] = useState(ids.length === 0);
  const move = (i: number, by: number) => {
    const next = [...ids];
    const [item] = next.splice(i, 1);
    if (item === undefined) return;
    next.splice(i + by, 0, item);
    onChange(next);
  };
  return (
    <div className="dz-manual">
      <span className="muted">
        {ids.length === 0 ? t("designer.products.none") : t("designer.products.picked", { count: ids.length })}
      </span>
      <ol className="dz-picked">
        {ids.map((pid, i) => (
          <li key={pid}>
            <span className="dz-picked-title">
              {titles[pid] ?? data.products[pid]?.title ?? t("designer.link.missing", { id: pid.slice(0, 8) })}
            </span>
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
              disabled={i === ids.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="dz-icon-button danger"
              aria-label={t("designer.list.remove")}
              disabled={ids.length === 1}
              onClick={() => onChange(ids.filter((x) => x !== pid))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      {adding ? (
        <ProductLink
          current={null}
          onPick={(pid, title) => {
            setTitles((m) => ({ ...m, [pid]: title }));
            if (!ids.includes(pid)) onChange([...ids, pid]);
          }}
        />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t("designer.products.add")}
        </button>
      )}
    </div>
  );
}

/** One category (or none, where the prop allows it). */
export function CategoryField({ value, id, schema, onChange }: FieldProps<HintOf<"category">>) {
  const { t } = useTranslation();
  const { items } = useOptions(loadCategories);
  const current = typeof value === "string" ? value : "";
  return (
    <select id={id} value={current} onChange={(e) => onChange(e.target.value || null)}>
      <option value="" disabled={!acceptsNull(schema)}>
        {t("designer.link.pickCategory")}
      </option>
      {items.map((c) => (
        <option key={c.id} value={c.id}>
          {c.level > 0 ? `— ${c.name}` : c.name}
        </option>
      ))}
    </select>
  );
}

/** Which categories a navigation shows: all top-level ones, or picked ones in tree order. */
export function CategoriesField({ value, id, onChange }: FieldProps<HintOf<"categories">>) {
  const { t } = useTranslation();
  const parsed = ZCategorySource.safeParse(value);
  const source = parsed.success ? parsed.data : { source: "top_level" as const };
  const [picking, setPicking] = useState(source.source === "picked");
  const { items } = useOptions(loadCategories);
  const picked = source.source === "picked" ? source.categoryIds : [];
  return (
    <div className="dz-categories">
      <select
        id={id}
        value={picking ? "picked" : "top_level"}
        onChange={(e) => {
          if (e.target.value === "top_level") {
            setPicking(false);
            onChange({ source: "top_level" });
          } else setPicking(true);
        }}
      >
        <option value="top_level">{t("designer.categories.sources.top_level")}</option>
        <option value="picked">{t("designer.categories.sources.picked")}</option>
      </select>
      {picking && (
        <fieldset className="dz-checklist">
          {items.length === 0 && <span className="muted">{t("designer.categories.empty")}</span>}
          {picked.length === 0 && items.length > 0 && <span className="muted">{t("designer.categories.none")}</span>}
          {items.map((c) => (
            <label key={c.id} className="dz-check" style={{ paddingLeft: c.level * 16 }}>
              <input
                type="checkbox"
                checked={picked.includes(c.id)}
                onChange={(e) => {
                  const next = e.target.checked ? [...picked, c.id] : picked.filter((x) => x !== c.id);
                  if (next.length > 0) onChange({ source: "picked", categoryIds: next });
                }}
              />
              {c.name}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
