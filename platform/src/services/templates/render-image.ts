// Template images are drawn, not shipped: a soft background and a simple silhouette (clothes,
// fresh food, beauty products, a few icons) rendered from SVG by sharp, so templates stay small
// text files. Square by default; banners set their own width and height.
import sharp from "sharp";
import { z } from "zod";

/** A circle as a path (two arcs), for shapes built from round parts. */
const ring = (cx: number, cy: number, r: number) =>
  `M${cx - r} ${cy} A${r} ${r} 0 1 0 ${cx + r} ${cy} A${r} ${r} 0 1 0 ${cx - r} ${cy} Z`;

/** A five-pointed star centred at (400, 410). */
const star = (() => {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 230 : 95;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    pts.push(`${Math.round(400 + r * Math.cos(a))} ${Math.round(420 + r * Math.sin(a))}`);
  }
  return `M${pts.join(" L")} Z`;
})();

/** Silhouettes in an 800x800 box, filled even-odd (so inner sub-paths are holes). */
const SHAPES = {
  dress:
    "M355 140 L375 140 L385 230 L415 230 L425 140 L445 140 L455 250 Q480 300 445 335 L570 650 L230 650 L355 335 Q320 300 345 250 Z",
  shirt:
    "M300 190 L360 160 Q400 200 440 160 L500 190 L600 280 L540 340 L500 310 L500 640 L300 640 L300 310 L260 340 L200 280 Z",
  bag: "M260 320 L540 320 L580 640 L220 640 Z M320 320 Q320 200 400 200 Q480 200 480 320 L450 320 Q450 235 400 235 Q350 235 350 320 Z",
  hat: "M190 480 Q400 560 610 480 Q620 520 400 560 Q180 520 190 480 Z M280 480 Q290 300 400 290 Q510 300 520 480 Q400 510 280 480 Z",
  circle: "M400 220 A180 180 0 1 1 399.9 220 Z",
  apple:
    "M400 310 C330 250 210 280 215 425 C220 565 320 665 400 630 C480 665 580 565 585 425 C590 280 470 250 400 310 Z M392 305 Q388 245 418 200 L432 210 Q406 250 410 305 Z M425 245 Q470 190 535 205 Q495 262 425 245 Z",
  leaf: "M215 610 Q205 270 610 190 Q600 590 215 610 Z M235 598 L580 222 L590 232 L247 606 Z",
  grapes: [
    ring(340, 330, 58),
    ring(460, 330, 58),
    ring(280, 440, 58),
    ring(400, 440, 58),
    ring(520, 440, 58),
    ring(340, 550, 58),
    ring(460, 550, 58),
    ring(400, 655, 50),
    "M392 272 L392 170 L408 170 L408 272 Z",
    "M408 200 Q470 150 540 180 Q480 230 408 214 Z",
  ].join(" "),
  fish: `M170 410 Q320 240 520 340 L630 250 Q600 410 630 570 L520 480 Q320 580 170 410 Z ${ring(270, 390, 18)}`,
  steak: `M230 340 Q290 215 460 235 Q620 255 605 400 Q590 545 440 580 Q310 610 245 525 Q185 445 230 340 Z ${ring(335, 395, 48)}`,
  egg: "M400 170 C520 170 590 380 590 480 C590 590 505 650 400 650 C295 650 210 590 210 480 C210 380 280 170 400 170 Z",
  bottle:
    "M365 150 L435 150 L435 235 Q505 260 505 330 L505 635 Q505 660 480 660 L320 660 Q295 660 295 635 L295 330 Q295 260 365 235 Z M330 420 L470 420 L470 545 L330 545 Z",
  lipstick:
    "M325 430 L475 430 L475 665 L325 665 Z M345 355 L455 355 L455 420 L345 420 Z M362 345 L362 225 Q362 190 440 160 L440 345 Z",
  jar: "M295 230 L505 230 L505 300 L295 300 Z M275 315 L525 315 Q565 315 565 360 L565 605 Q565 650 520 650 L280 650 Q235 650 235 605 L235 360 Q235 315 275 315 Z M290 420 L510 420 L510 540 L290 540 Z",
  drop: "M400 160 Q520 345 545 455 A150 150 0 1 1 255 455 Q280 345 400 160 Z",
  star,
  heart:
    "M400 640 C250 530 180 450 180 350 C180 270 240 220 305 220 C350 220 385 245 400 280 C415 245 450 220 495 220 C560 220 620 270 620 350 C620 450 550 530 400 640 Z",
  gift: "M220 350 L580 350 L580 430 L220 430 Z M250 440 L550 440 L550 650 L250 650 Z M385 350 L415 350 L415 650 L385 650 Z M400 345 Q330 250 290 290 Q265 330 400 345 Z M400 345 Q470 250 510 290 Q535 330 400 345 Z",
} as const;

export type TemplateShape = keyof typeof SHAPES;
const SHAPE_NAMES = Object.keys(SHAPES) as [TemplateShape, ...TemplateShape[]];

export const ZTemplateImage = z.strictObject({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  shape: z.enum(SHAPE_NAMES),
  /** Pixels; 800 by default. Banners are wide (e.g. 750x360), icons small (e.g. 160x160). */
  width: z.number().int().min(64).max(1600).optional(),
  height: z.number().int().min(64).max(1600).optional(),
});
export type TTemplateImage = z.infer<typeof ZTemplateImage>;

/** The size an image renders at. */
export function templateImageSize(img: TTemplateImage): { width: number; height: number } {
  return { width: img.width ?? 800, height: img.height ?? 800 };
}

function shade(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const ch = (shift: number) => Math.max(0, Math.min(255, ((n >> shift) & 255) + amount));
  return `#${[16, 8, 0].map((s) => ch(s).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * A JPEG of the silhouette on a matching gradient. Wide pictures (banners) put the silhouette on
 * the right third and a few soft rings on the left, where a merchant would put their own words.
 */
export async function renderTemplateImage(img: TTemplateImage): Promise<Buffer> {
  const { width: w, height: h } = templateImageSize(img);
  const bg = shade(img.color, 40);
  const fg = shade(img.color, -50);
  const wide = w >= h * 1.4;
  const scale = (Math.min(w, h) / 800) * (wide ? 1 : 0.95);
  const x = wide ? w - 800 * scale - h * 0.15 : (w - 800 * scale) / 2;
  const y = (h - 800 * scale) / 2;
  const decoration = wide
    ? `<circle cx="${Math.round(w * 0.18)}" cy="${Math.round(h * 0.35)}" r="${Math.round(h * 0.28)}" fill="#ffffff" fill-opacity="0.18"/>
  <circle cx="${Math.round(w * 0.36)}" cy="${Math.round(h * 0.8)}" r="${Math.round(h * 0.18)}" fill="#ffffff" fill-opacity="0.14"/>
  <rect x="${Math.round(w * 0.08)}" y="${Math.round(h * 0.62)}" width="${Math.round(w * 0.22)}" height="${Math.round(h * 0.08)}" rx="${Math.round(h * 0.04)}" fill="${fg}" fill-opacity="0.7"/>`
    : "";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="${img.color}"/></linearGradient></defs>
  <rect width="${w}" height="${h}" fill="url(#g)"/>
  ${decoration}
  <path transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) scale(${scale.toFixed(4)})" d="${SHAPES[img.shape]}" fill="${fg}" fill-opacity="0.85" fill-rule="evenodd"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}
