// The theme dialog against the API's JSON: a save that meets someone else's newer revision (412) is
// never retried on its own: the merchant chooses to overwrite it (saved against their revision) or
// to load theirs (shown on the canvas at once).
import { DEFAULT_TAB_BAR, DEFAULT_THEME, type TStoreSettingsDocument, ZStoreSettings } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Reply, renderScreen, serveApi } from "../../screens/fake-api.tsx";
import { ThemeDialog } from "./theme-dialog.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const DEFAULT_STORE_SETTINGS: TStoreSettingsDocument = { logo: null, theme: DEFAULT_THEME, tabBar: DEFAULT_TAB_BAR };
const withPrimary = (primary: string): TStoreSettingsDocument => ({
  ...DEFAULT_STORE_SETTINGS,
  theme: { ...DEFAULT_STORE_SETTINGS.theme, colors: { ...DEFAULT_STORE_SETTINGS.theme.colors, primary } },
});
const settings = (revision: number, doc: TStoreSettingsDocument) =>
  ZStoreSettings.parse({ revision, draft: doc, published: null, hasUnpublishedChanges: true });

function setup() {
  const theirs = settings(5, withPrimary("#00aa00"));
  let conflictOnce = true;
  const sent = serveApi({
    "PUT /merchant/v1/store-settings/draft": (req) => {
      if (conflictOnce) {
        conflictOnce = false;
        return new Reply(412, {
          error: { code: "precondition_failed", message: "changed meanwhile", requestId: "r", details: [] },
        });
      }
      return settings(6, req.body as TStoreSettingsDocument);
    },
    "GET /merchant/v1/store-settings": () => theirs,
  });
  const onDraft = vi.fn();
  const onSaved = vi.fn();
  renderScreen(
    <ThemeDialog
      settings={settings(3, DEFAULT_STORE_SETTINGS)}
      onDraft={onDraft}
      onSaved={onSaved}
      onClose={() => {}}
    />,
  );
  return { sent, onDraft, onSaved, theirs };
}

async function editAndSave() {
  const primary = screen.getAllByDisplayValue(DEFAULT_STORE_SETTINGS.theme.colors.primary)[0];
  if (!primary) throw new Error("no primary colour field");
  fireEvent.change(primary, { target: { value: "#123456" } });
  fireEvent.click(screen.getByRole("button", { name: "Save draft" }));
  return screen.findByRole("alert");
}

describe("ThemeDialog conflicts", () => {
  it("overwrites with the merchant's version only when asked, against their revision", async () => {
    const { sent, onSaved } = setup();
    expect((await editAndSave()).textContent).toMatch(/now revision 5/);
    const puts = () => sent.filter((s) => s.method === "PUT");
    expect(puts().map((p) => p.headers.get("if-match"))).toEqual(['"r3"']);
    expect(onSaved).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Overwrite with mine" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(puts().map((p) => p.headers.get("if-match"))).toEqual(['"r3"', '"r5"']);
    expect(puts()[1]?.body).toMatchObject({ theme: { colors: { primary: "#123456" } } });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("loads their version onto the canvas when the merchant chooses it, saving nothing", async () => {
    const { sent, onDraft, theirs } = setup();
    await editAndSave();
    fireEvent.click(screen.getByRole("button", { name: "Load theirs" }));
    expect(onDraft).toHaveBeenLastCalledWith(theirs.draft);
    expect(sent.filter((s) => s.method === "PUT")).toHaveLength(1);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
