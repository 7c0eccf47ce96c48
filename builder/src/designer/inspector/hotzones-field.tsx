// The hotzone editor: the block's picture with its linked areas; drag on the picture to draw a new
// area (stored as fractions of the picture, 0..1, so it holds at any width), click an area to choose
// its link or delete it.
import { type TLink, ZImageRef, ZLink } from "@mallwright/schema";
import { type PointerEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import "../messages.ts";
import type { FieldProps, HintOf } from "./field-props.ts";
import { LinkEditor } from "./link-field.tsx";

export interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
  link: TLink | null;
}

const MAX_AREAS = 20;
const MIN_SIZE = 0.02;

const ZArea = z.object({
  x: z.number(),
  y: z.number(),
  w: z.number(),
  h: z.number(),
  link: ZLink.nullable().catch(null),
});

/** The areas of a stored value (anything unreadable is left out). */
export function readAreas(value: unknown): Area[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const a = ZArea.safeParse(v);
    return a.success ? [a.data] : [];
  });
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** The area spanned by two corners (fractions), kept inside the picture. */
export function areaBetween(a: { x: number; y: number }, b: { x: number; y: number }): Omit<Area, "link"> {
  const x = clamp01(Math.min(a.x, b.x));
  const y = clamp01(Math.min(a.y, b.y));
  return {
    x: round(x),
    y: round(y),
    w: round(clamp01(Math.max(a.x, b.x)) - x),
    h: round(clamp01(Math.max(a.y, b.y)) - y),
  };
}

export function HotzonesField({ value, id, props, onChange }: FieldProps<HintOf<"hotzones">>) {
  const { t } = useTranslation();
  const areas = readAreas(value);
  const image = ZImageRef.safeParse(props.image);
  const frame = useRef<HTMLDivElement>(null);
  const [drawing, setDrawing] = useState<{ from: { x: number; y: number }; to: { x: number; y: number } } | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  if (!image.success) return <p className="muted">{t("designer.hotzones.needImage")}</p>;

  const at = (e: PointerEvent) => {
    const r = frame.current?.getBoundingClientRect();
    if (!r || r.width === 0 || r.height === 0) return { x: 0, y: 0 };
    return { x: clamp01((e.clientX - r.left) / r.width), y: clamp01((e.clientY - r.top) / r.height) };
  };
  const ratio = image.data.width && image.data.height ? `${image.data.width} / ${image.data.height}` : undefined;
  const preview = drawing ? areaBetween(drawing.from, drawing.to) : null;
  const current = selected !== null ? areas[selected] : undefined;

  return (
    <div className="dz-hotzones" id={id}>
      <p className="field-hint">{t("designer.hotzones.hint")}</p>
      <div
        ref={frame}
        className="dz-hotzone-frame"
        style={{ aspectRatio: ratio }}
        onPointerDown={(e) => {
          if (e.button !== 0 || e.target !== e.currentTarget || areas.length >= MAX_AREAS) return;
          e.currentTarget.setPointerCapture?.(e.pointerId);
          const p = at(e);
          setDrawing({ from: p, to: p });
        }}
        onPointerMove={(e) => drawing && setDrawing({ ...drawing, to: at(e) })}
        onPointerUp={(e) => {
          if (!drawing) return;
          const box = areaBetween(drawing.from, at(e));
          setDrawing(null);
          if (box.w < MIN_SIZE || box.h < MIN_SIZE) return;
          if (onChange([...areas, { ...box, link: null }])) setSelected(areas.length);
        }}
      >
        <img src={image.data.url} alt="" draggable={false} />
        {areas.map((a, i) => (
          <button
            // biome-ignore lint/suspicious/noArrayIndexKey: areas have no ids; their order is their identity
            key={i}
            type="button"
            className={`dz-hotzone${selected === i ? " is-selected" : ""}${a.link ? "" : " no-link"}`}
            style={{ left: `${a.x * 100}%`, top: `${a.y * 100}%`, width: `${a.w * 100}%`, height: `${a.h * 100}%` }}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => setSelected(i)}
          >
            {i + 1}
          </button>
        ))}
        {preview && (
          <div
            className="dz-hotzone is-drawing"
            style={{
              left: `${preview.x * 100}%`,
              top: `${preview.y * 100}%`,
              width: `${preview.w * 100}%`,
              height: `${preview.h * 100}%`,
            }}
          />
        )}
      </div>
      {areas.length >= MAX_AREAS && <p className="muted">{t("designer.hotzones.max", { max: MAX_AREAS })}</p>}
      <ol className="dz-hotzone-list">
        {areas.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <li key={i}>
            <button type="button" className="link" aria-pressed={selected === i} onClick={() => setSelected(i)}>
              {t("designer.hotzones.area", { n: i + 1 })}
            </button>
            {!a.link && <span className="muted"> · {t("designer.hotzones.noLink")}</span>}
          </li>
        ))}
      </ol>
      {current && selected !== null && (
        <div className="dz-hotzone-edit">
          <LinkEditor
            id={`${id}-link-${selected}`}
            link={current.link}
            onChange={(link) => onChange(areas.map((a, i) => (i === selected ? { ...a, link } : a)))}
          />
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (onChange(areas.filter((_, i) => i !== selected))) setSelected(null);
            }}
          >
            {t("designer.hotzones.remove")}
          </button>
        </div>
      )}
    </div>
  );
}
