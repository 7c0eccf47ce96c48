// video: the poster with a play mark; never plays on its own here. In the phone preview a tap on the
// mark swaps in the player (the shopper's own tap starts it); on the canvas a tap only selects.
import type { video } from "@mallwright/schema/page/blocks/video";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Img, Placeholder, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof video.display>;

export function VideoView({ display, editing }: ViewProps<Display>) {
  const { t } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const frame = { aspectRatio: String(display.aspectRatio), borderRadius: display.radius };
  if (!display.src) {
    return editing ? (
      <div className="mw-block mw-video">
        <Placeholder text={t("blocks.noVideo")} icon="video" style={frame} />
      </div>
    ) : null;
  }
  if (playing && !editing) {
    return (
      <div className="mw-block mw-video">
        <video
          className="mw-video-player"
          style={frame}
          src={display.src}
          poster={display.poster ?? undefined}
          muted={display.muted}
          loop={display.loop}
          controls
          playsInline
          autoPlay
        />
      </div>
    );
  }
  return (
    <div className="mw-block mw-video">
      <div className="mw-video-poster" style={frame}>
        {display.poster && <Img src={display.poster} className="mw-cover" />}
        <button
          type="button"
          className="mw-play"
          aria-label={t("blocks.play")}
          onClick={editing ? undefined : () => setPlaying(true)}
          tabIndex={editing ? -1 : undefined}
        />
      </div>
    </div>
  );
}
