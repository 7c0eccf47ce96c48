// Image and video props: the chosen file's preview, and the media library picker (search, upload) to
// choose or replace it. Stores the ref shape of schema/src/page/media.ts: {mediaId, url, width, height}.
import { type TMedia, ZImageRef } from "@mallwright/schema";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MediaPicker } from "../../screens/media-picker.tsx";
import "../messages.ts";
import type { FieldProps, HintOf } from "./field-props.ts";
import { acceptsNull } from "./prop-schema.ts";

/** The page's reference to a library item. */
export function mediaRef(m: Pick<TMedia, "id" | "url" | "width" | "height">) {
  return { mediaId: m.id, url: m.url, width: m.width, height: m.height };
}

export function MediaField({ hint, value, id, schema, onChange }: FieldProps<HintOf<"image" | "video">>) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const ref = ZImageRef.safeParse(value);
  const current = ref.success ? ref.data : null;
  const kind = hint.widget === "video" ? "video" : "image";
  return (
    <div className="dz-media">
      {current ? (
        kind === "image" ? (
          <img className="dz-media-preview" src={current.url} alt="" />
        ) : (
          <video className="dz-media-preview" src={current.url} muted preload="metadata" />
        )
      ) : (
        <div className="dz-media-empty" aria-hidden>
          {kind === "image" ? "🖼" : "🎬"}
        </div>
      )}
      <span className="row">
        <button id={id} type="button" onClick={() => setPicking(true)}>
          {current
            ? t("designer.media.replace")
            : t(kind === "image" ? "designer.media.pickImage" : "designer.media.pickVideo")}
        </button>
        {current && acceptsNull(schema) && (
          <button type="button" className="danger" onClick={() => onChange(null)}>
            {t("designer.media.remove")}
          </button>
        )}
      </span>
      {picking && (
        <MediaPicker
          kind={kind}
          onClose={() => setPicking(false)}
          onPick={(picked) => {
            setPicking(false);
            const m = picked[0];
            if (m) onChange(mediaRef(m));
          }}
        />
      )}
    </div>
  );
}
