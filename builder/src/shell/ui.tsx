// Small shared pieces of the shell: loading / empty / error states, a page header, a field.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { messageOf } from "../api/client.ts";

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden /> {t("app.loading")}
    </div>
  );
}

export function Empty({ children, action }: { children?: ReactNode; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="state empty">
      <p>{children ?? t("app.empty")}</p>
      {action}
    </div>
  );
}

export function Failed({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state failed" role="alert">
      <p>{messageOf(error)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}

export function PageHeader({ title, actions }: { title: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      <div className="page-actions">{actions}</div>
    </header>
  );
}

export function Field({ label, children, hint }: { label: ReactNode; children: ReactNode; hint?: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

/** A list screen's status tabs, each with its count once the counts are known. */
export function StatusTabs<T extends string>({
  tabs,
  current,
  label,
  count,
  onSelect,
}: {
  tabs: readonly T[];
  current: T;
  label: (tab: T) => string;
  /** undefined while the counts load: no badge. */
  count?: (tab: T) => number | undefined;
  onSelect: (tab: T) => void;
}) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => {
        const n = count?.(tab);
        return (
          <button key={tab} type="button" role="tab" aria-selected={current === tab} onClick={() => onSelect(tab)}>
            {label(tab)}
            {n !== undefined && <span className="count">{n}</span>}
          </button>
        );
      })}
    </div>
  );
}

/** The "load more" button under a list, while there is a next page. */
export function LoadMore({ more, onLoad }: { more: boolean; onLoad: () => void }) {
  const { t } = useTranslation();
  if (!more) return null;
  return (
    <div className="load-more">
      <button type="button" onClick={onLoad}>
        {t("screens.common.loadMore")}
      </button>
    </div>
  );
}
