// A link prop (schema/src/page/links.ts): none, a product (searched), a category, a page, a tab of
// the mini-program, or an https URL. A kind that needs a target is stored once the target is chosen.
import { TAB_KEYS, type TLink, ZLink } from "@mallwright/schema";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCanvasEnv } from "../canvas-env.ts";
import "../messages.ts";
import { loadCategories, loadPages, useOptions, useProductSearch } from "./catalog.ts";
import type { FieldProps, HintOf } from "./field-props.ts";

const KINDS = ["product", "category", "page", "url", "tab"] as const;
type Kind = (typeof KINDS)[number];

function isKind(v: string): v is Kind {
  return (KINDS as readonly string[]).includes(v);
}

export function LinkField({ value, id, onChange }: FieldProps<HintOf<"link">>) {
  const parsed = ZLink.safeParse(value);
  return <LinkEditor id={id} link={parsed.success ? parsed.data : null} onChange={onChange} />;
}

/** The link editor itself (also used by the hotzone editor for its areas). */
export function LinkEditor({
  id,
  link,
  onChange,
}: {
  id: string;
  link: TLink | null;
  onChange(link: TLink | null): unknown;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Kind | null>(null);
  const kind: Kind | "none" = pending ?? link?.kind ?? "none";
  return (
    <div className="dz-link">
      <select
        id={id}
        aria-label={t("designer.link.kind")}
        value={kind}
        onChange={(e) => {
          const v = e.target.value;
          if (v === "none") {
            setPending(null);
            onChange(null);
          } else if (v === "tab") {
            setPending(null);
            onChange({ kind: "tab", tab: "home" });
          } else if (isKind(v)) setPending(v);
        }}
      >
        <option value="none">{t("designer.link.none")}</option>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`designer.link.kinds.${k}`)}
          </option>
        ))}
      </select>
      {kind === "product" && (
        <ProductLink
          current={link?.kind === "product" ? link.id : null}
          onPick={(pid) => {
            setPending(null);
            onChange({ kind: "product", id: pid });
          }}
        />
      )}
      {kind === "category" && (
        <CategorySelect
          value={link?.kind === "category" ? link.id : null}
          onPick={(cid) => {
            setPending(null);
            onChange({ kind: "category", id: cid });
          }}
        />
      )}
      {kind === "page" && (
        <PageSelect
          value={link?.kind === "page" ? link.id : null}
          onPick={(pid) => {
            setPending(null);
            onChange({ kind: "page", id: pid });
          }}
        />
      )}
      {kind === "tab" && link?.kind === "tab" && (
        <select
          aria-label={t("designer.link.kinds.tab")}
          value={link.tab}
          onChange={(e) => {
            const tab = TAB_KEYS.find((k) => k === e.target.value);
            if (tab) onChange({ kind: "tab", tab });
          }}
        >
          {TAB_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(`designer.link.tabs.${k}`)}
            </option>
          ))}
        </select>
      )}
      {kind === "url" && (
        <UrlInput
          value={link?.kind === "url" ? link.url : ""}
          onValid={(url) => {
            setPending(null);
            onChange({ kind: "url", url });
          }}
        />
      )}
    </div>
  );
}

function UrlInput({ value, onValid }: { value: string; onValid(url: string): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value || "https://");
  const check = ZLink.safeParse({ kind: "url", url: text });
  return (
    <>
      <input
        type="url"
        aria-label={t("designer.link.url")}
        placeholder={t("designer.link.url")}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const ok = ZLink.safeParse({ kind: "url", url: e.target.value });
          if (ok.success && ok.data.kind === "url") onValid(ok.data.url);
        }}
      />
      {!check.success && text !== "https://" && <span className="field-error">{check.error.issues[0]?.message}</span>}
    </>
  );
}

export function CategorySelect({ value, onPick }: { value: string | null; onPick(id: string): void }) {
  const { t } = useTranslation();
  const { items } = useOptions(loadCategories);
  return (
    <select
      aria-label={t("designer.link.pickCategory")}
      value={value ?? ""}
      onChange={(e) => e.target.value && onPick(e.target.value)}
    >
      <option value="">{t("designer.link.pickCategory")}</option>
      {value && !items.some((c) => c.id === value) && (
        <option value={value}>{t("designer.link.missing", { id: value.slice(0, 8) })}</option>
      )}
      {items.map((c) => (
        <option key={c.id} value={c.id}>
          {c.level > 0 ? `— ${c.name}` : c.name}
        </option>
      ))}
    </select>
  );
}

function PageSelect({ value, onPick }: { value: string | null; onPick(id: string): void }) {
  const { t } = useTranslation();
  const { items } = useOptions(loadPages);
  return (
    <select
      aria-label={t("designer.link.pickPage")}
      value={value ?? ""}
      onChange={(e) => e.target.value && onPick(e.target.value)}
    >
      <option value="">{t("designer.link.pickPage")}</option>
      {value && !items.some((p) => p.id === value) && (
        <option value={value}>{t("designer.link.missing", { id: value.slice(0, 8) })}</option>
      )}
      {items.map((p) => (
        <option key={p.id} value={p.id}>
          {p.title}
        </option>
      ))}
    </select>
  );
}

/** A product search with results to click; shows the current product's title when the data has it. */
export function ProductLink({ current, onPick }: { current: string | null; onPick(id: string, title: string): void }) {
  const { t } = useTranslation();
  const { data } = useCanvasEnv();
  const [q, setQ] = useState("");
  const found = useProductSearch(q);
  const currentTitle = current
    ? (data.products[current]?.title ?? t("designer.link.missing", { id: current.slice(0, 8) }))
    : null;
  return (
    <div className="dz-product-search">
      {currentTitle && <span className="muted">{t("designer.link.current", { label: currentTitle })}</span>}
      <input
        type="search"
        aria-label={t("designer.link.searchProducts")}
        placeholder={t("designer.link.searchProducts")}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <ul className="dz-pick-list">
        {!found.loading && found.items.length === 0 && <li className="muted">{t("designer.products.empty")}</li>}
        {found.items.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className={p.id === current ? "is-current" : undefined}
              onClick={() => onPick(p.id, p.title)}
            >
              {p.image ? <img src={p.image} alt="" /> : <span className="dz-thumb-empty" />}
              <span>{p.title}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
