// Version 1 -> 2: the title block's heading prop was called `text`; it is `title` now, so the
// designer's field, the display output and the prop share one name.
import { isRecord, mapBlocks, type PageMigration } from "./migration.ts";

export const titleTextToTitle: PageMigration = {
  from: 1,
  to: 2,
  name: "0002-title-text-to-title",
  migrate: (doc) =>
    mapBlocks(doc, (block) => {
      if (block.type !== "title" || !isRecord(block.props) || !("text" in block.props)) return block;
      // Both present never came from version 1: keep both, so validation reports `text` rather
      // than this migration silently choosing one.
      if ("title" in block.props) return block;
      const props = Object.fromEntries(Object.entries(block.props).map(([k, v]) => [k === "text" ? "title" : k, v]));
      return { ...block, props };
    }),
};
