// The media library and picker against the API's JSON: empty, loaded grid, the store's folders with
// counts (reloaded after a move or a delete), a refused delete that says where the item is used, and picking
// several items.
import { type TMedia, ZMedia, ZMediaFolderList, ZMediaPage } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Reply, renderScreen, serveApi, uuid } from "./fake-api.tsx";
import { MediaScreen } from "./media-library.tsx";
import { MediaPicker } from "./media-picker.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const media = (n: number, over: Partial<TMedia> = {}): TMedia =>
  ZMedia.parse({
    id: uuid(n),
    kind: "image",
    mime: "image/webp",
    name: `图片 ${n}`,
    url: `/files/m${n}.webp`,
    bytes: 204800,
    width: 800,
    height: 800,
    durationMs: null,
    folder: n % 2 ? "新品" : "",
    tags: ["主图"],
    variants: { thumb: { url: `/files/m${n}-thumb.webp`, width: 240, height: 240, bytes: 9000 } },
    createdAt: "2025-01-01T00:00:00.000Z",
    ...over,
  });
const usage = { bytes: 409600, count: 2, quotaBytes: 500 * 1024 * 1024 };

describe("MediaScreen", () => {
  it("shows the empty state with the upload drop zone", async () => {
    serveApi({
      "GET /merchant/v1/media": () =>
        ZMediaPage.parse({ items: [], nextCursor: null, usage: { ...usage, count: 0, bytes: 0 } }),
      "GET /merchant/v1/media/folders": () => ZMediaFolderList.parse({ items: [] }),
    });
    renderScreen(<MediaScreen />);
    expect(await screen.findByText(/The library is empty/)).toBeTruthy();
    expect(screen.getByText(/Drop images \(JPEG/)).toBeTruthy();
  });

  it("shows the grid, filters by folder, and says where an item is used when delete is refused", async () => {
    const sent = serveApi({
      "GET /merchant/v1/media": () => ZMediaPage.parse({ items: [media(1), media(2)], nextCursor: null, usage }),
      "GET /merchant/v1/media/folders": () => ZMediaFolderList.parse({ items: [{ name: "新品", count: 1 }] }),
      "DELETE /merchant/v1/media/:id": () =>
        new Reply(409, {
          error: {
            code: "media_in_use",
            message: "this file is used in 1 place; remove it there first (details list where)",
            requestId: "r",
            details: [{ path: `product:${uuid(5)}`, message: "纯棉T恤" }],
          },
        }),
    });
    renderScreen(<MediaScreen />);
    expect(await screen.findByText("图片 1")).toBeTruthy();
    expect(screen.getByText(/2 files, 400.0 KB of 500.0 MB used/)).toBeTruthy();

    expect(await screen.findByRole("option", { name: "新品 (1)" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Folder"), { target: { value: "新品" } });
    await waitFor(() => expect(sent.at(-1)?.query.get("folder")).toBe("新品"));

    fireEvent.click(await screen.findByText("图片 1"));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    const confirm = within(dialog).getAllByRole("button", { name: "Delete" }).at(-1) as HTMLElement;
    fireEvent.click(confirm);
    expect(await within(dialog).findByText(/this file is used in 1 place/)).toBeTruthy();
    expect(within(dialog).getByText(/Product: 纯棉T恤/)).toBeTruthy();
  });

  it("lists every folder of the store with its count, not only those of the loaded page, and reloads them after a move and a delete", async () => {
    let folders = [
      { name: "新品", count: 41 },
      { name: "活动", count: 3 },
    ];
    const sent = serveApi({
      // One page whose items are all in 新品: 活动 is known only from the folder list.
      "GET /merchant/v1/media": () => ZMediaPage.parse({ items: [media(1), media(3)], nextCursor: uuid(9), usage }),
      "GET /merchant/v1/media/folders": () => ZMediaFolderList.parse({ items: folders }),
      "PATCH /merchant/v1/media/:id": (req) => {
        folders = [
          { name: "新品", count: 40 },
          { name: "活动", count: 4 },
        ];
        return media(1, req.body as Partial<TMedia>);
      },
      "DELETE /merchant/v1/media/:id": () => {
        folders = [{ name: "新品", count: 40 }];
        return { ok: true };
      },
    });
    renderScreen(<MediaScreen />);
    const select = await screen.findByLabelText("Folder");
    expect(await within(select).findByRole("option", { name: "活动 (3)" })).toBeTruthy();
    expect(within(select).getByRole("option", { name: "新品 (41)" })).toBeTruthy();
    const folderLoads = () => sent.filter((r) => r.path === "/merchant/v1/media/folders").length;
    expect(folderLoads()).toBe(1);

    fireEvent.click(await screen.findByText("图片 1"));
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText(/^Folder/), { target: { value: "活动" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(select).findByRole("option", { name: "活动 (4)" })).toBeTruthy();
    expect(within(select).getByRole("option", { name: "新品 (40)" })).toBeTruthy();
    expect(folderLoads()).toBe(2);

    const saved = screen.getByRole("dialog");
    fireEvent.click(within(saved).getByRole("button", { name: "Delete" }));
    fireEvent.click(within(saved).getAllByRole("button", { name: "Delete" }).at(-1) as HTMLElement);
    await waitFor(() => expect(within(select).queryByRole("option", { name: /活动/ })).toBeNull());
    expect(folderLoads()).toBe(3);
  });
});

describe("MediaPicker", () => {
  it("picks several items in the order clicked", async () => {
    serveApi({
      "GET /merchant/v1/media": () =>
        ZMediaPage.parse({ items: [media(1), media(2), media(3)], nextCursor: null, usage }),
    });
    const onPick = vi.fn();
    renderScreen(<MediaPicker multiple max={2} onPick={onPick} onClose={() => undefined} />);
    fireEvent.click(await screen.findByText("图片 3"));
    fireEvent.click(screen.getByText("图片 1"));
    fireEvent.click(screen.getByText("图片 2"));
    expect(screen.getByText("Selected: 2 of 2")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Use selected" }));
    expect(onPick.mock.calls[0]?.[0].map((m: TMedia) => m.id)).toEqual([uuid(3), uuid(1)]);
  });
});
