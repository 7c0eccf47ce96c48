// carousel: slides without a picture are not shown; one slide neither plays nor shows indicators.
import { describe, expect, it } from "vitest";
import { EMPTY_PAGE_DATA } from "../data.ts";
import { DEFAULT_THEME } from "../theme.ts";
import { carousel } from "./carousel.ts";

const show = (props: Record<string, unknown>) =>
  carousel.display(carousel.props.parse(props), { blockId: "b", data: EMPTY_PAGE_DATA, theme: DEFAULT_THEME });
const slide = (n: number) => ({ image: { url: `https://cdn.mallwright.test/${n}.jpg` } });

describe("carousel", () => {
  it("skips slides without a picture and turns seconds into the swiper's milliseconds", () => {
    const out = show({ slides: [slide(1), {}, slide(2)], interval: 3 });
    expect(out.slides.map((s) => s.src)).toEqual([
      "https://cdn.mallwright.test/1.jpg",
      "https://cdn.mallwright.test/2.jpg",
    ]);
    expect(out).toMatchObject({ autoplay: true, intervalMs: 3000, indicator: "dots", heightRatio: 0.5 });
  });

  it("does not play or show indicators for a single slide", () => {
    expect(show({ slides: [slide(1)] })).toMatchObject({ autoplay: false, indicator: "none" });
  });

  it("holds at most 10 slides", () => {
    expect(carousel.props.safeParse({ slides: Array.from({ length: 11 }, (_, i) => slide(i)) }).success).toBe(false);
  });
});
