// A small rich-text editor for product details: contentEditable with bold, italic, heading, list,
// link and an image from the media library. The HTML it produces is sanitized by the server.
import type { TMedia } from "@mallwright/schema";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MediaPicker } from "./media-picker.tsx";

function exec(command: string, value?: string) {
  // execCommand is deprecated but remains the one editing API every browser implements for this.
  if (typeof document.execCommand === "function") document.execCommand(command, false, value);
}

export function RichTextEditor({
  value,
  onChange,
  disabled,
  label,
}: {
  value: string;
  onChange(html: string): void;
  disabled?: boolean;
  label: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const saved = useRef<Range | null>(null);
  const [picking, setPicking] = useState(false);
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState("https://");

  // The editor owns its DOM while typing; outside changes (a product loaded) replace it.
  useEffect(() => {
    const el = ref.current;
    if (el && el.innerHTML !== value) el.innerHTML = value;
  }, [value]);

  function emit() {
    if (ref.current) onChange(ref.current.innerHTML);
  }
  function keepSelection() {
    const sel = window.getSelection();
    if (sel && sel.rangeCount > 0 && ref.current?.contains(sel.anchorNode)) saved.current = sel.getRangeAt(0);
  }
  function restoreSelection() {
    ref.current?.focus();
    const sel = window.getSelection();
    if (sel && saved.current) {
      sel.removeAllRanges();
      sel.addRange(saved.current);
    }
  }
  function run(command: string, arg?: string) {
    restoreSelection();
    exec(command, arg);
    emit();
  }
  function insertImages(media: TMedia[]) {
    setPicking(false);
    const html = media
      .filter((m) => m.kind === "image")
      .map((m) => `<p><img src="${encodeURI(m.variants.medium?.url ?? m.url)}" alt=""></p>`)
      .join("");
    if (html) run("insertHTML", html);
  }

  const tools: { key: string; label: string; action(): void }[] = [
    { key: "bold", label: "B", action: () => run("bold") },
    { key: "italic", label: "I", action: () => run("italic") },
    { key: "heading", label: "H", action: () => run("formatBlock", "<h3>") },
    { key: "paragraph", label: "¶", action: () => run("formatBlock", "<p>") },
    { key: "list", label: "•", action: () => run("insertUnorderedList") },
    { key: "orderedList", label: "1.", action: () => run("insertOrderedList") },
  ];

  return (
    <div className={disabled ? "rte disabled" : "rte"}>
      <div className="rte-toolbar" role="toolbar" aria-label={t("screens.editor.rte.toolbar")}>
        {tools.map((tool) => (
          <button
            key={tool.key}
            type="button"
            disabled={disabled}
            title={t(`screens.editor.rte.${tool.key}`)}
            aria-label={t(`screens.editor.rte.${tool.key}`)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={tool.action}
          >
            {tool.label}
          </button>
        ))}
        <button
          type="button"
          disabled={disabled}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            keepSelection();
            setLinking((v) => !v);
          }}
        >
          {t("screens.editor.rte.link")}
        </button>
        <button
          type="button"
          disabled={disabled}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            keepSelection();
            setPicking(true);
          }}
        >
          {t("screens.editor.rte.image")}
        </button>
      </div>
      {linking && (
        <div className="row rte-link">
          <input
            type="url"
            aria-label={t("screens.editor.rte.linkUrl")}
            value={href}
            onChange={(e) => setHref(e.target.value)}
          />
          <button
            type="button"
            className="primary"
            onClick={() => {
              setLinking(false);
              if (/^https?:\/\/\S+$/.test(href.trim())) run("createLink", href.trim());
            }}
          >
            {t("app.confirm")}
          </button>
          <button type="button" onClick={() => run("unlink")}>
            {t("screens.editor.rte.unlink")}
          </button>
        </div>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text surface has no native element */}
      <div
        ref={ref}
        className="rte-surface"
        role="textbox"
        tabIndex={0}
        aria-multiline="true"
        aria-label={label}
        contentEditable={!disabled}
        suppressContentEditableWarning
        onInput={emit}
        onBlur={() => {
          keepSelection();
          emit();
        }}
        onKeyUp={keepSelection}
        onMouseUp={keepSelection}
      />
      {picking && <MediaPicker multiple kind="image" onPick={insertImages} onClose={() => setPicking(false)} />}
    </div>
  );
}
