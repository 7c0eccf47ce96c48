import { describe, expect, it } from "vitest";
import { imageRefsByUrl, imageUrlFor, pickVariant } from "./image-variant.ts";

const id = "01900000-0000-7000-8000-00000000abcd";
const ref = (width: number | null, height: number | null, url = `https://cdn.test/files/t1/${id}.png`) => ({
  mediaId: id,
  url,
  width,
  height,
});

describe("image variants", () => {
  it("pick the smallest rendition that is sharp where the picture is shown", () => {
    expect(pickVariant(ref(2000, 2000), 44)).toBe("thumb"); // an icon: 88 device px
    expect(pickVariant(ref(2000, 2000), 187)).toBe("medium"); // a half-width cell: 374 px
    expect(pickVariant(ref(3000, 1000), 375)).toBe("medium");
    expect(pickVariant(ref(600, 400), 375)).toBe("original"); // smaller than the medium: as it is
    expect(pickVariant(ref(200, 200), 80)).toBe("thumb"); // as sharp as the original, and WebP
    expect(pickVariant(ref(null, null), 44)).toBe("thumb");
    expect(pickVariant(ref(null, null), 375)).toBe("medium");
  });

  it("derive the variant's URL from the platform's storage keys", () => {
    expect(imageUrlFor(ref(2000, 1000), 375)).toBe(`https://cdn.test/files/t1/${id}-medium.webp`);
    expect(imageUrlFor(ref(2000, 1000), 40)).toBe(`https://cdn.test/files/t1/${id}-thumb.webp`);
    expect(imageUrlFor(ref(2000, 1000, `https://cdn.test/files/t1/${id}.jpg?v=2`), 375)).toBe(
      `https://cdn.test/files/t1/${id}-medium.webp?v=2`,
    );
  });

  it("leave pictures alone whose variants cannot be known", () => {
    const foreign = "https://elsewhere.test/banner.jpg";
    expect(imageUrlFor({ ...ref(2000, 1000, foreign) }, 375)).toBe(foreign);
    expect(imageUrlFor({ ...ref(2000, 1000), mediaId: null }, 375)).toBe(ref(0, 0).url);
    expect(imageUrlFor(null, 375)).toBeNull();
  });

  it("find the refs behind display()'s URLs", () => {
    const a = ref(10, 10, "https://x.test/a.jpg");
    const b = ref(10, 10, "https://x.test/b.jpg");
    const refs = imageRefsByUrl({ slides: [{ image: a, link: null }, { image: null }], logo: b });
    expect([...refs.keys()]).toEqual([a.url, b.url]);
  });
});
