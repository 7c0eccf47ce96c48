// MP4 boxes: duration and size are read; a cut or headless file is refused.
import { describe, expect, it } from "vitest";
import { mp4 } from "./media-fixtures.ts";
import { probeVideo } from "./probe-video.ts";

describe("probeVideo", () => {
  it("reads duration from mvhd and the picture size from tkhd", () => {
    expect(probeVideo(mp4({ durationMs: 12_345, width: 1280, height: 720 }))).toEqual({
      durationMs: 12_345,
      width: 1280,
      height: 720,
    });
  });

  it("refuses a truncated file and one without a movie header", () => {
    const whole = mp4();
    expect(() => probeVideo(whole.subarray(0, whole.length - 10))).toThrow(/runs past the end/);
    const ftypOnly = whole.subarray(0, whole.readUInt32BE(0));
    expect(() => probeVideo(ftypOnly)).toThrow(/no movie header/);
  });
});
