// Version 2 -> 3: blocks may carry an outline `name` (the designer's outline and canvas label).
// The field is optional and new, so no version-2 document has one: every block stays as it is.
import type { PageMigration } from "./migration.ts";

export const blockNames: PageMigration = {
  from: 2,
  to: 3,
  name: "0003-block-names",
  // A shallow copy: the pipeline stamps the new version on it, the input is never changed.
  migrate: (doc) => ({ ...doc }),
};
