// The pages list against the API's JSON: empty, loaded with statuses, and deleting through the dialog.
import { ZPageDetail, ZPageList } from "@mallwright/schema";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderScreen, serveApi, uuid } from "./fake-api.tsx";
import { PagesScreen } from "./pages-list.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const summary = (n: number, over: Record<string, unknown>) => ({
  id: uuid(n),
  title: `Page ${n}`,
  isHome: false,
  revision: 3,
  publishedVersion: null,
  publishedAt: null,
  scheduledAt: null,
  hasUnpublishedChanges: true,
  createdAt: "2025-01-02T03:04:05.000Z",
  updatedAt: "2025-01-03T03:04:05.000Z",
  ...over,
});

describe("PagesScreen", () => {
  it("shows the empty state", async () => {
    serveApi({ "GET /merchant/v1/pages": () => ZPageList.parse({ items: [], nextCursor: null }) });
    renderScreen(<PagesScreen />);
    expect(await screen.findByText(/No pages yet/)).toBeTruthy();
  });

  it("lists pages with their status and home marker, and deletes one after confirming", async () => {
    let items = [
      summary(1, { title: "首页", isHome: true, publishedVersion: 4, hasUnpublishedChanges: false }),
      summary(2, { title: "夏季上新", publishedVersion: 2, scheduledAt: "2025-06-01T00:00:00.000Z" }),
      summary(3, { title: "草稿页" }),
    ];
    const sent = serveApi({
      "GET /merchant/v1/pages": () => ZPageList.parse({ items, nextCursor: null }),
      "DELETE /merchant/v1/pages/:id": (req) => {
        items = items.filter((p) => !req.path.endsWith(String(p.id)));
        return { ok: true };
      },
      "GET /merchant/v1/page-templates": () => ({ items: [] }),
    });
    renderScreen(<PagesScreen />);
    const home = (await screen.findByText("首页")).closest("tr") as HTMLElement;
    expect(within(home).getByText("Home")).toBeTruthy();
    expect(within(home).getByText("Published v4")).toBeTruthy();
    expect(within(home).queryByText("Delete")).toBeNull();
    const summer = screen.getByText("夏季上新").closest("tr") as HTMLElement;
    expect(within(summer).getByText("Unpublished changes")).toBeTruthy();
    expect(within(summer).getByText(/^Scheduled/)).toBeTruthy();
    const draft = screen.getByText("草稿页").closest("tr") as HTMLElement;
    expect(within(draft).getByText("Draft")).toBeTruthy();
    expect((within(draft).getByText("Set as home") as HTMLButtonElement).disabled).toBe(true);
    expect(within(draft).getByText("Design")).toBeTruthy();

    fireEvent.click(within(draft).getByText("Delete"));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByText("草稿页")).toBeNull());
    expect(sent.some((r) => r.method === "DELETE" && r.path === `/merchant/v1/pages/${uuid(3)}`)).toBe(true);
  });

  it("creates a blank page", async () => {
    const sent = serveApi({
      "GET /merchant/v1/pages": () => ZPageList.parse({ items: [], nextCursor: null }),
      "GET /merchant/v1/page-templates": () => ({
        items: [
          {
            name: "fashion",
            title: { zh: "服饰", en: "Fashion" },
            description: { zh: "服饰店", en: "A fashion store" },
            previewColors: ["#111111", "#222222", "#333333"],
          },
        ],
      }),
      "POST /merchant/v1/pages": () =>
        ZPageDetail.parse({
          ...summary(9, { title: "新页面" }),
          draft: { schemaVersion: 3, title: "新页面", blocks: [] },
          published: null,
          scheduled: null,
        }),
    });
    renderScreen(<PagesScreen />);
    fireEvent.click((await screen.findAllByText("New page"))[0] as HTMLElement);
    expect(await screen.findByText("Fashion")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Page title"), { target: { value: "新页面" } });
    fireEvent.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(sent.some((r) => r.method === "POST" && r.path === "/merchant/v1/pages")).toBe(true));
    expect(sent.find((r) => r.method === "POST")?.body).toEqual({ title: "新页面" });
  });
});
