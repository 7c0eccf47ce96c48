// The registry: every block type, in palette order. Adding a block = a file here + an entry below
// (+ its builder view and mini-program component, which derive their fields from it).
import type { BlockDefinition } from "../registry.ts";
import { carousel } from "./carousel.ts";
import { categoryNav } from "./category-nav.ts";
import { container } from "./container.ts";
import { divider } from "./divider.ts";
import { hotzone } from "./hotzone.ts";
import { image } from "./image.ts";
import { imageCube } from "./image-cube.ts";
import { imageNav } from "./image-nav.ts";
import { notice } from "./notice.ts";
import { productGrid } from "./product-grid.ts";
import { productScroll } from "./product-scroll.ts";
import { richText } from "./rich-text.ts";
import { searchBar } from "./search-bar.ts";
import { spacer } from "./spacer.ts";
import { storeHeader } from "./store-header.ts";
import { title } from "./title.ts";
import { video } from "./video.ts";

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list; each entry keeps its own types
export const BLOCKS: readonly BlockDefinition<any, unknown>[] = [
  container,
  storeHeader,
  searchBar,
  notice,
  carousel,
  imageNav,
  title,
  richText,
  image,
  imageCube,
  hotzone,
  video,
  categoryNav,
  productGrid,
  productScroll,
  spacer,
  divider,
];

const BY_TYPE = new Map(BLOCKS.map((b) => [b.type, b]));

export function findBlock(type: string) {
  return BY_TYPE.get(type);
}

export const BLOCK_TYPES = BLOCKS.map((b) => b.type);
