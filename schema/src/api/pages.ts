// Merchant pages contract: drafts saved with a revision (If-Match), immutable published versions,
// scheduled publishing, rollback, and the store's theme and tab bar (drafted and published alike).
import { z } from "zod";
import { ZPageData } from "../page/data.ts";
import { ZStoreSettingsDocument, ZThemeOverrides } from "../page/theme.ts";
import { ZPage, ZPageQuery, ZUuid } from "./common.ts";

export const PAGE_NOTE_MAX = 200;

/**
 * A page document as clients send it: any schema version the server can migrate (older ones are
 * migrated, a newer one is a 422 at `schemaVersion`); blocks are validated by the server, which
 * answers every problem with its path.
 */
export const ZPageDocumentInput = z
  .record(z.string(), z.unknown())
  .describe("A page document ({schemaVersion, title, theme?, blocks}); older schema versions are migrated");

/**
 * A page document as the server returns it: always at the current schema version, validated by
 * ZPageDocument when it was saved. Described without recursion (the OpenAPI generator cannot follow
 * ZPageDocument's lazy block tree): `children` holds blocks of the same shape.
 */
export const ZPageDocumentOutput = z.object({
  schemaVersion: z.number().int(),
  title: z.string(),
  theme: ZThemeOverrides.optional(),
  blocks: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      props: z.record(z.string(), z.unknown()),
      name: z.string().optional().describe("The block's name in the designer's outline"),
      children: z.array(z.unknown()).optional().describe("Nested blocks, of this same shape"),
    }),
  ),
});

/** A document the designer is editing, to hydrate as the store would (POST /merchant/v1/pages/hydrate). */
export const ZHydratePageRequest = z.strictObject({ document: ZPageDocumentInput });
export type THydratePageRequest = z.infer<typeof ZHydratePageRequest>;

/** The document migrated to the current schema version (rich text cleaned) and its data map. */
export const ZHydratePageResponse = z.object({ document: ZPageDocumentOutput, data: ZPageData });
export type THydratePageResponse = z.infer<typeof ZHydratePageResponse>;

const ZTitle = z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters");
const ZNote = z.string().trim().max(PAGE_NOTE_MAX, `must be at most ${PAGE_NOTE_MAX} characters`);

export const ZCreatePageRequest = z.strictObject({
  title: ZTitle,
  /** The starting document (its title is replaced by `title`); an empty page when absent. */
  document: ZPageDocumentInput.optional(),
});
export type TCreatePageRequest = z.infer<typeof ZCreatePageRequest>;

export const ZListPagesQuery = ZPageQuery;
export type TListPagesQuery = z.infer<typeof ZListPagesQuery>;

/** Who published a version: the membership, and the person while they are still a member. */
export const ZPageAuthor = z.object({
  memberId: ZUuid.nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
});
export type TPageAuthor = z.infer<typeof ZPageAuthor>;

export const ZPageVersionSummary = z.object({
  version: z.number().int(),
  note: z.string(),
  author: ZPageAuthor,
  publishedAt: z.string(),
  /** The version this one republished (a rollback), else null. */
  restoredFrom: z.number().int().nullable(),
});
export type TPageVersionSummary = z.infer<typeof ZPageVersionSummary>;

export const ZPageVersionList = ZPage(ZPageVersionSummary);
export type TPageVersionList = z.infer<typeof ZPageVersionList>;

export const ZPageVersionDetail = ZPageVersionSummary.extend({
  /** Migrated to the current schema version. */
  document: ZPageDocumentOutput,
});
export type TPageVersionDetail = z.infer<typeof ZPageVersionDetail>;

export const ZPageSchedule = z.object({ at: z.string(), note: z.string() });

export const ZPageSummary = z.object({
  id: ZUuid,
  title: z.string(),
  isHome: z.boolean(),
  /** The draft's revision: send it back as `If-Match: "r<revision>"` to save. */
  revision: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  /** The draft differs from the published version (or nothing is published). */
  hasUnpublishedChanges: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPageSummary = z.infer<typeof ZPageSummary>;

export const ZPageList = ZPage(ZPageSummary);
export type TPageList = z.infer<typeof ZPageList>;

export const ZPageDetail = ZPageSummary.omit({ publishedVersion: true, publishedAt: true, scheduledAt: true }).extend({
  draft: ZPageDocumentOutput,
  /** The version shoppers see, or null when the page was never published. */
  published: ZPageVersionSummary.nullable(),
  scheduled: ZPageSchedule.nullable(),
});
export type TPageDetail = z.infer<typeof ZPageDetail>;

/** A problem that refuses a publish, or a warning that does not. `path` names the block. */
export const ZPageIssue = z.object({ path: z.string(), message: z.string() });
export type TPageIssue = z.infer<typeof ZPageIssue>;

export const ZPublishPageRequest = z.strictObject({
  note: ZNote.default(""),
  /** When to publish (ISO 8601 with offset, in the future); now when absent. */
  at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 time with an offset" }).optional(),
});
export type TPublishPageRequest = z.infer<typeof ZPublishPageRequest>;

export const ZPublishPageResponse = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  warnings: z.array(ZPageIssue),
});
export type TPublishPageResponse = z.infer<typeof ZPublishPageResponse>;

export const ZSchedulePageResponse = z.object({
  scheduled: ZPageSchedule,
  /** Found by the checks run now; they run again when the time comes. */
  warnings: z.array(ZPageIssue),
});
export type TSchedulePageResponse = z.infer<typeof ZSchedulePageResponse>;

export const ZRollbackPageRequest = z.strictObject({
  version: z.number().int().min(1),
  note: ZNote.optional(),
});
export type TRollbackPageRequest = z.infer<typeof ZRollbackPageRequest>;

export const ZListPageVersionsQuery = ZPageQuery;
export type TListPageVersionsQuery = z.infer<typeof ZListPageVersionsQuery>;

// Store settings (theme and tab bar) ---------------------------------------------------------

export const ZStoreSettings = z.object({
  /** The draft's revision (0 while the store has never saved one: the defaults are shown). */
  revision: z.number().int(),
  draft: ZStoreSettingsDocument,
  published: z
    .object({ version: z.number().int(), publishedAt: z.string(), document: ZStoreSettingsDocument })
    .nullable(),
  hasUnpublishedChanges: z.boolean(),
});
export type TStoreSettings = z.infer<typeof ZStoreSettings>;

export const ZPublishStoreSettingsResponse = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
});
export type TPublishStoreSettingsResponse = z.infer<typeof ZPublishStoreSettingsResponse>;
