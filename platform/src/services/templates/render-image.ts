// Template images are drawn, not shipped: a soft background and a simple silhouette (dress,
// shirt, bag, hat, circle) rendered from SVG by sharp, so templates stay small text files.
import sharp from "sharp";
import { z } from "zod";

export const ZTemplateImage = z.strictObject({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  shape: z.enum(["dress", "shirt", "bag", "hat", "circle"]),
});
export type TTemplateImage = z.infer<typeof ZTemplateImage>;

const SHAPES: Record<TTemplateImage["shape"], string> = {
  dress:
    "M355 140 L375 140 L385 230 L415 230 L425 140 L445 140 L455 250 Q480 300 445 335 L570 650 L230 650 L355 335 Q320 300 345 250 Z",
  shirt:
    "M300 190 L360 160 Q400 200 440 160 L500 190 L600 280 L540 340 L500 310 L500 640 L300 640 L300 310 L260 340 L200 280 Z",
  bag: "M260 320 L540 320 L580 640 L220 640 Z M320 320 Q320 200 400 200 Q480 200 480 320 L450 320 Q450 235 400 235 Q350 235 350 320 Z",
  hat: "M190 480 Q400 560 610 480 Q620 520 400 560 Q180 520 190 480 Z M280 480 Q290 300 400 290 Q510 300 520 480 Q400 510 280 480 Z",
  circle: "M400 220 A180 180 0 1 1 399.9 220 Z",
};

function shade(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const ch = (shift: number) => Math.max(0, Math.min(255, ((n >> shift) & 255) + amount));
  return `#${[16, 8, 0].map((s) => ch(s).toString(16).padStart(2, "0")).join("")}`;
}

/** An 800x800 JPEG of the silhouette on a matching background. */
export async function renderTemplateImage(img: TTemplateImage): Promise<Buffer> {
  const bg = shade(img.color, 40);
  const fg = shade(img.color, -50);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="${img.color}"/></linearGradient></defs>
  <rect width="800" height="800" fill="url(#g)"/>
  <path d="${SHAPES[img.shape]}" fill="${fg}" fill-opacity="0.85" fill-rule="evenodd"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}
