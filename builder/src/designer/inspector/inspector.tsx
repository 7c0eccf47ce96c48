// The inspector: the selected block's fields, generated from its registry entry's inspector hints (one
// widget per hint kind), with its publish problems on top; the page's title and theme overrides when
// nothing is selected. Every edit is parsed by the prop's schema and dispatched as update-props.
import {
  type BlockDefinition,
  findBlock,
  type TBlockNode,
  type TStoreTheme,
  type TThemeOverrides,
  ZStoreTheme,
  ZThemeOverrides,
} from "@mallwright/schema";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../../i18n/index.ts";
import "../messages.ts";
import { useDesigner, useDesignerStore } from "../store/react.tsx";
import { FieldControl, isGroupWidget } from "./field-control.tsx";
import { editProp } from "./prop-schema.ts";
import { useDraft } from "./use-draft.ts";

export function Inspector({ storeTheme }: { storeTheme: TStoreTheme }) {
  const { t } = useTranslation();
  const selectedId = useDesigner((s) => s.selectedId);
  return (
    <aside className="dz-inspector" aria-label={t("designer.inspector.title")}>
      {selectedId ? <BlockInspector key={selectedId} id={selectedId} /> : <PageInspector storeTheme={storeTheme} />}
    </aside>
  );
}

function Problems({ list, title }: { list: readonly string[] | undefined; title: string }) {
  if (!list || list.length === 0) return null;
  return (
    <div className="dz-problems" role="alert">
      <strong>{title}</strong>
      <ul>
        {list.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

function BlockInspector({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const node = useDesigner((s) => s.nodesById.get(id));
  const problems = useDesigner((s) => s.problems[id]);
  if (!node) return null;
  const def = findBlock(node.type);
  if (!def) return <p className="muted">{t("designer.inspector.unknownType", { type: node.type })}</p>;
  return (
    <div className="dz-inspector-body">
      <h2>{localized(def.label, i18n.language)}</h2>
      <Problems list={problems} title={t("designer.inspector.problems")} />
      <NameField node={node} />
      {Object.entries(def.inspector).map(([key, hint]) =>
        hint ? <PropField key={key} def={def} node={node} propKey={key} /> : null,
      )}
    </div>
  );
}

function NameField({ node }: { node: TBlockNode }) {
  const { t, i18n } = useTranslation();
  const store = useDesignerStore();
  const [draft, setDraft] = useDraft(node.name ?? "");
  const def = findBlock(node.type);
  return (
    <div className="field">
      <label className="field-label" htmlFor={`dz-name-${node.id}`}>
        {t("designer.inspector.name")}
      </label>
      <input
        id={`dz-name-${node.id}`}
        type="text"
        maxLength={40}
        value={draft}
        placeholder={def ? localized(def.label, i18n.language) : node.type}
        onChange={(e) => {
          setDraft(e.target.value);
          store.getState().dispatch({ type: "rename", id: node.id, name: e.target.value.trim() });
        }}
      />
    </div>
  );
}

/** One prop: its widget, and why the last edit was refused (if it was). */
export function PropField({ def, node, propKey }: { def: BlockDefinition; node: TBlockNode; propKey: string }) {
  const { t, i18n } = useTranslation();
  const store = useDesignerStore();
  const [error, setError] = useState<string | null>(null);
  const hint = def.inspector[propKey];
  if (!hint) return null;
  const label = localized(hint.label, i18n.language);
  const id = `dz-${node.id}-${propKey}`;
  const onChange = (raw: unknown): boolean => {
    const current = store.getState().nodesById.get(node.id);
    if (!current) return false;
    const edit = editProp(def, current.props, propKey, raw);
    if (!edit.ok) {
      setError(edit.message);
      return false;
    }
    setError(null);
    store.getState().dispatch({ type: "update-props", id: node.id, props: edit.props });
    return true;
  };
  const fits = (raw: unknown) => {
    const current = store.getState().nodesById.get(node.id);
    return current ? editProp(def, current.props, propKey, raw).ok : false;
  };
  const group = isGroupWidget(hint);
  const Wrapper = group ? "fieldset" : "div";
  return (
    <Wrapper className={group ? "field dz-fieldset" : "field"}>
      {group ? (
        <legend className="field-label">{label}</legend>
      ) : (
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
      )}
      <FieldControl
        hint={hint}
        value={node.props[propKey]}
        label={label}
        id={id}
        schema={def.props.shape[propKey]}
        props={node.props}
        onChange={onChange}
        fits={fits}
      />
      {error && (
        <span className="field-error" role="alert">
          {t("designer.inspector.invalid", { message: error })}
        </span>
      )}
    </Wrapper>
  );
}

const COLOR_KEYS = ["primary", "secondary", "background", "surface", "text", "muted", "price"] as const;
type ColorKey = (typeof COLOR_KEYS)[number];
const BUTTON_STYLES = ZStoreTheme.shape.buttonStyle.unwrap().options;

/** Nothing selected: the page's title and its theme overrides over the store's theme. */
function PageInspector({ storeTheme }: { storeTheme: TStoreTheme }) {
  const { t } = useTranslation();
  const store = useDesignerStore();
  const title = useDesigner((s) => s.document.title);
  const theme = useDesigner((s) => s.document.theme);
  const pageProblems = useDesigner((s) => s.problems[""]);
  const [draft, setDraft] = useDraft(title);
  const setTheme = (next: TThemeOverrides) => {
    const colors = next.colors && Object.keys(next.colors).length > 0 ? next.colors : undefined;
    const clean: TThemeOverrides = {
      ...(colors ? { colors } : {}),
      ...(next.radius !== undefined ? { radius: next.radius } : {}),
      ...(next.buttonStyle !== undefined ? { buttonStyle: next.buttonStyle } : {}),
    };
    // Checked, but sent as written: parsing fills every default in, which would override everything.
    if (!ZThemeOverrides.safeParse(clean).success) return;
    store.getState().dispatch({ type: "set-page-theme", theme: Object.keys(clean).length > 0 ? clean : undefined });
  };
  const setColor = (key: ColorKey, value: string | undefined) => {
    const colors: Partial<Record<ColorKey, string>> = { ...theme?.colors };
    if (value === undefined) delete colors[key];
    else colors[key] = value;
    setTheme({ ...theme, colors });
  };
  return (
    <div className="dz-inspector-body">
      <h2>{t("designer.inspector.page")}</h2>
      <Problems list={pageProblems} title={t("designer.inspector.pageProblems")} />
      <div className="field">
        <label className="field-label" htmlFor="dz-page-title">
          {t("designer.inspector.pageTitle")}
        </label>
        <input
          id="dz-page-title"
          type="text"
          maxLength={40}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            const next = e.target.value.trim();
            if (next) store.getState().dispatch({ type: "set-title", title: next });
          }}
        />
      </div>
      <fieldset className="dz-theme-overrides">
        <legend>{t("designer.inspector.pageTheme")}</legend>
        {COLOR_KEYS.map((key) => {
          const own = theme?.colors?.[key];
          return (
            <div key={key} className="dz-override-row">
              <label className="dz-check">
                <input
                  type="checkbox"
                  checked={own !== undefined}
                  onChange={(e) => setColor(key, e.target.checked ? storeTheme.colors[key] : undefined)}
                />
                {t(`designer.colors.${key}`)}
              </label>
              <input
                type="color"
                aria-label={t(`designer.colors.${key}`)}
                value={own ?? storeTheme.colors[key]}
                disabled={own === undefined}
                onChange={(e) => setColor(key, e.target.value)}
              />
            </div>
          );
        })}
        <div className="dz-override-row">
          <label className="dz-check">
            <input
              type="checkbox"
              checked={theme?.radius !== undefined}
              onChange={(e) => setTheme({ ...theme, radius: e.target.checked ? storeTheme.radius : undefined })}
            />
            {t("designer.inspector.radius")}
          </label>
          <input
            type="number"
            aria-label={t("designer.inspector.radius")}
            min={0}
            max={24}
            value={theme?.radius ?? storeTheme.radius}
            disabled={theme?.radius === undefined}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 0 && n <= 24) setTheme({ ...theme, radius: n });
            }}
          />
        </div>
        <div className="dz-override-row">
          <label htmlFor="dz-page-button">{t("designer.inspector.buttonStyle")}</label>
          <select
            id="dz-page-button"
            value={theme?.buttonStyle ?? ""}
            onChange={(e) => {
              const style = BUTTON_STYLES.find((s) => s === e.target.value);
              setTheme({ ...theme, buttonStyle: style });
            }}
          >
            <option value="">
              {t("designer.inspector.followStore")} ({t(`designer.buttonStyles.${storeTheme.buttonStyle}`)})
            </option>
            {BUTTON_STYLES.map((s) => (
              <option key={s} value={s}>
                {t(`designer.buttonStyles.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    </div>
  );
}
