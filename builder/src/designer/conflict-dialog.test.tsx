// A save conflict (412) stops autosave and asks: keep mine (overwrite the server's revision) or load
// theirs. Real store and autosave; the save function stands in for the network.
import type { TPageDocument } from "@mallwright/schema";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiFailure } from "../api/client.ts";
import "../i18n/index.ts";
import { type Autosave, createAutosave, type SaveDraft } from "./autosave.ts";
import { SaveStatus } from "./designer-screen.tsx";
import { ConflictDialog } from "./dialogs/conflict-dialog.tsx";
import { createDesignerStore, type DesignerStore } from "./store/index.ts";
import { DesignerProvider } from "./store/react.tsx";
import { block, sampleDocument } from "./store/test-document.ts";

const conflict = () =>
  new ApiFailure(412, "precondition_failed", "the draft was saved by someone else", "req", [
    { path: "", message: 'the current revision is "r7"', in: "header" },
  ]);

let store: DesignerStore;
let autosave: Autosave;
let save: ReturnType<typeof vi.fn<SaveDraft>>;

beforeEach(async () => {
  store = createDesignerStore(sampleDocument(), 3);
  save = vi.fn<SaveDraft>().mockRejectedValueOnce(conflict());
  autosave = createAutosave({ store, save, delayMs: 10_000 });
  store.getState().dispatch({ type: "set-title", title: "我的标题" });
  await autosave.flush().catch(() => undefined);
});
afterEach(() => {
  autosave.dispose();
  cleanup();
});

function renderDialog(onReload: () => Promise<void>) {
  const onClose = vi.fn();
  render(
    <DesignerProvider store={store}>
      <SaveStatus autosave={autosave} onResolve={() => undefined} />
      <ConflictDialog
        revision={store.getState().save.conflictRevision}
        onOverwrite={() => autosave.resolveConflict("overwrite")}
        onReload={onReload}
        onClose={onClose}
      />
    </DesignerProvider>,
  );
  return onClose;
}

describe("the conflict dialog", () => {
  it("names the server's revision, and the status chip says there is a conflict", () => {
    expect(store.getState().save.status).toBe("conflict");
    renderDialog(async () => undefined);
    expect(screen.getByRole("dialog").textContent).toContain("r7");
    expect(screen.getByRole("status").textContent).toContain("有冲突");
  });

  it("keep mine: saves my document over the server's revision", async () => {
    save.mockResolvedValueOnce({ revision: 8 });
    const onClose = renderDialog(async () => undefined);
    fireEvent.click(screen.getByRole("button", { name: "保留我的（覆盖服务器上的草稿）" }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ title: "我的标题" }), 7);
    expect(store.getState().save).toMatchObject({ revision: 8, status: "saved", dirty: false });
  });

  it("load theirs: takes the server's draft and drops my edits (nothing is saved over it)", async () => {
    const theirs: TPageDocument = { ...sampleDocument(), title: "他们的标题", blocks: [block("x1", "divider")] };
    const onClose = renderDialog(() => autosave.resolveConflict("reload", theirs, 7));
    fireEvent.click(screen.getByRole("button", { name: "载入对方的（放弃我未保存的修改）" }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(store.getState().document.title).toBe("他们的标题");
    expect(store.getState().save).toMatchObject({ revision: 7, dirty: false });
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("a failed choice stays open with the reason", async () => {
    save.mockRejectedValueOnce(new ApiFailure(500, "internal", "the server is down", "req", undefined));
    const onClose = renderDialog(async () => undefined);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "保留我的（覆盖服务器上的草稿）" }));
    });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("the server is down"));
    expect(onClose).not.toHaveBeenCalled();
  });
});
