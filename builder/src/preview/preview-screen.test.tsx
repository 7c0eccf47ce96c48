// The phone preview against a stubbed /store/v1/preview/{token}: it renders the draft with the
// store's name and theme, follows new revisions (and only those), and explains an expired or invalid
// link; its language follows the browser unless one was saved.
import { DEFAULT_THEME } from "@mallwright/schema";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n, { setLanguage } from "../i18n/index.ts";
import { browserLanguage, followBrowserLanguage, PreviewPage } from "./preview-screen.tsx";

const PAGE_ID = "30000000-0000-4000-8000-000000000001";

function previewBody(revision: number, heading: string, extra: { primary?: string } = {}) {
  return {
    page: {
      id: PAGE_ID,
      title: "夏季上新",
      revision,
      document: {
        schemaVersion: 3,
        title: "夏季上新",
        theme: extra.primary ? { colors: { primary: extra.primary } } : undefined,
        blocks: [
          { id: "h", type: "store-header", props: {} },
          { id: "t", type: "title", props: { title: heading } },
        ],
      },
    },
    data: { products: {}, categories: {}, bindings: {}, pages: {} },
    store: {
      name: "山野小铺",
      logoUrl: null,
      theme: { ...DEFAULT_THEME, radius: 4 },
      tabBar: {
        items: [
          { tab: "home", text: "首页", icon: "home" },
          { tab: "me", text: "我的店", icon: "user" },
        ],
      },
    },
  };
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function failure(status: number, code: string) {
  return json(status, { error: { code, message: code, requestId: "r1" } });
}

/** A fetch that answers from `answers` in turn (the last one again once they run out), counting calls. */
function stubFetch(answers: (() => Response)[]) {
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (!url.includes("/store/v1/preview/")) throw new Error(`unexpected fetch ${url}`);
    const answer = answers[Math.min(fetch.mock.calls.length - 1, answers.length - 1)];
    if (!answer) throw new Error("no answer");
    return answer();
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage("zh-CN");
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("PreviewPage", () => {
  it("renders the draft under its title with the store's name, theme and tab bar", async () => {
    const fetch = stubFetch([() => json(200, previewBody(1, "今日推荐", { primary: "#00aa00" }))]);
    const { container } = render(<PreviewPage token="tok.en" intervalMs={60_000} />);
    expect(await screen.findByText("今日推荐")).toBeTruthy();
    expect(String(fetch.mock.calls[0]?.[0])).toBe("/store/v1/preview/tok.en");
    expect(container.querySelector(".pv-title")?.textContent).toBe("夏季上新");
    expect(container.querySelector(".mw-store-name")?.textContent).toBe("山野小铺");
    const page = container.querySelector<HTMLElement>(".mw-page");
    // The store's theme, with the page's own override on top.
    expect(page?.style.getPropertyValue("--mw-radius")).toBe("4px");
    expect(page?.style.getPropertyValue("--mw-primary")).toBe("#00aa00");
    expect([...container.querySelectorAll(".mw-tab-text")].map((e) => e.textContent)).toEqual(["首页", "我的店"]);
    expect(document.title).toBe("夏季上新 - 预览");
  });

  it("follows the draft: polls, and re-renders only when the revision changed", async () => {
    let current = previewBody(1, "第一版");
    const fetch = vi.fn(async () => json(200, current));
    vi.stubGlobal("fetch", fetch);
    render(<PreviewPage token="tok" intervalMs={20} />);
    const heading = await screen.findByText("第一版");
    // The same revision, whatever it says: nothing is re-rendered.
    current = previewBody(1, "不该出现");
    const seen = fetch.mock.calls.length;
    await waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(seen + 2));
    expect(screen.getByText("第一版")).toBe(heading);
    expect(screen.queryByText("不该出现")).toBeNull();
    current = previewBody(2, "第二版");
    expect(await screen.findByText("第二版")).toBeTruthy();
  });

  it("an expired link (410) asks to scan the QR code again, and stops polling", async () => {
    const fetch = stubFetch([() => failure(410, "token_invalid")]);
    render(<PreviewPage token="old" intervalMs={20} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("预览链接已过期");
    expect(alert.textContent).toContain("重新扫描二维码");
    await new Promise((r) => setTimeout(r, 100));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("a link expiring while shown keeps the page up under a banner", async () => {
    stubFetch([() => json(200, previewBody(1, "还在")), () => failure(410, "token_invalid")]);
    render(<PreviewPage token="tok" intervalMs={20} />);
    expect(await screen.findByText("还在")).toBeTruthy();
    const banner = await screen.findByRole("alert");
    expect(banner.textContent).toContain("重新扫码");
    expect(screen.getByText("还在")).toBeTruthy();
  });

  it("an invalid link (401) says so, in English on an English phone", async () => {
    await act(() => i18n.changeLanguage("en"));
    stubFetch([() => failure(401, "unauthenticated")]);
    render(<PreviewPage token="forged" intervalMs={20} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("This preview link is not valid");
  });

  it("keeps the last draft up while the network is down, then carries on", async () => {
    let down = false;
    const fetch = vi.fn(async () => {
      if (down) throw new TypeError("Failed to fetch");
      return json(200, previewBody(fetch.mock.calls.length > 3 ? 2 : 1, fetch.mock.calls.length > 3 ? "恢复" : "稳定"));
    });
    vi.stubGlobal("fetch", fetch);
    render(<PreviewPage token="tok" intervalMs={20} />);
    expect(await screen.findByText("稳定")).toBeTruthy();
    down = true;
    expect((await screen.findByRole("status")).textContent).toContain("连接中断");
    expect(screen.getByText("稳定")).toBeTruthy();
    down = false;
    expect(await screen.findByText("恢复")).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/连接中断/)).toBeNull());
  });
});

describe("language", () => {
  it("follows the browser unless one was saved", async () => {
    expect(browserLanguage("zh-TW")).toBe("zh-CN");
    expect(browserLanguage("en-GB")).toBe("en");
    expect(browserLanguage("fr")).toBe("en");
    vi.spyOn(navigator, "language", "get").mockReturnValue("en-US");
    followBrowserLanguage();
    await waitFor(() => expect(i18n.language).toBe("en"));
    setLanguage("zh-CN");
    followBrowserLanguage();
    expect(i18n.language).toBe("zh-CN");
  });
});
