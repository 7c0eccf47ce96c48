// The designer's reads: a page (its draft parsed as a current page document, never trusted as is) and
// the store's theme and tab bar.
import { type TPageDocument, ZPageDocument } from "@mallwright/schema";
import { call, merchant } from "../api/client.ts";
import i18n from "../i18n/index.ts";

export async function loadPage(id: string) {
  const page = await call(merchant.pages[":id"].$get({ param: { id } }));
  return { page, document: parseDocument(page.draft) };
}

export type LoadedPage = Awaited<ReturnType<typeof loadPage>>;

/** A document from the API as the designer's document type (its shape is checked, blocks are the server's). */
export function parseDocument(input: unknown): TPageDocument {
  const parsed = ZPageDocument.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      i18n.t("errors.invalidDocument", { path: issue?.path.join(".") ?? "", message: issue?.message ?? "" }),
    );
  }
  return parsed.data;
}

export function loadStoreSettings() {
  return call(merchant["store-settings"].$get());
}

export type StoreSettings = Awaited<ReturnType<typeof loadStoreSettings>>;
