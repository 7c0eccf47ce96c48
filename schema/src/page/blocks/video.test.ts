// video: autoplay is always muted; the frame takes the video's (or poster's) shape.
import { describe, expect, it } from "vitest";
import { EMPTY_PAGE_DATA } from "../data.ts";
import { DEFAULT_THEME } from "../theme.ts";
import { video } from "./video.ts";

const show = (props: Record<string, unknown>) =>
  video.display(video.props.parse(props), { blockId: "b", data: EMPTY_PAGE_DATA, theme: DEFAULT_THEME });

describe("video", () => {
  it("mutes a video that plays by itself", () => {
    expect(show({ autoplay: true, muted: false })).toMatchObject({ autoplay: true, muted: true });
    expect(show({ autoplay: false, muted: false }).muted).toBe(false);
  });

  it("sizes the frame from the video, then the poster, then 16:9", () => {
    const url = "https://cdn.mallwright.test/v.mp4";
    expect(show({ video: { url, width: 720, height: 1280 } }).aspectRatio).toBe(0.5625);
    expect(show({ poster: { url: "https://cdn.mallwright.test/p.jpg", width: 400, height: 400 } }).aspectRatio).toBe(1);
    expect(show({}).aspectRatio).toBe(16 / 9);
  });
});
