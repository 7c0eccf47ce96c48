// image-cube (魔方): the layout's cells placed as display() computed them (percentage boxes of a
// fixed-ratio frame), each picture linked, with the gap between them.
import type { imageCube } from "@mallwright/schema/page/blocks/image-cube";
import { ImageSlot, Img, Tap, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof imageCube.display>;

export function ImageCubeView({ display, editing }: ViewProps<Display>) {
  const half = display.gap / 2;
  return (
    <div className="mw-block mw-image-cube">
      {/* The frame is larger than the block by half a gap each side, so the outer cells sit flush. */}
      <div className="mw-cube-frame" style={{ aspectRatio: String(display.aspectRatio), margin: -half }}>
        {display.cells.map((cell, i) => (
          <Tap
            // biome-ignore lint/suspicious/noArrayIndexKey: a cell's place in the layout is its identity
            key={i}
            link={cell.link}
            className="mw-cube-cell"
            style={{
              left: `${cell.left}%`,
              top: `${cell.top}%`,
              width: `${cell.width}%`,
              height: `${cell.height}%`,
              padding: half,
            }}
          >
            {cell.src ? (
              <Img src={cell.src} className="mw-cover" style={{ borderRadius: display.radius }} />
            ) : (
              <ImageSlot editing={editing} style={{ borderRadius: display.radius }} />
            )}
          </Tap>
        ))}
      </div>
    </div>
  );
}
