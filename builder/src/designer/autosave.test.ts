// Autosave against a real designer store and a fake `save` (standing for the HTTP call): debounce,
// one save in flight with later edits saved after it, 412 conflicts (pause, overwrite, reload),
// retries with backoff, flush and dispose; and saveDraftVia's request on the wire.
import type { TPageDocument } from "@mallwright/schema";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiFailure } from "../api/client.ts";
import { AutosaveConflict, conflictRevisionOf, createAutosave, type SaveDraft, saveDraftVia } from "./autosave.ts";
import { createDesignerStore } from "./store/index.ts";
import { sampleDocument } from "./store/test-document.ts";

interface Call {
  document: TPageDocument;
  revision: number;
  resolve(revision: number): void;
  reject(err: unknown): void;
}

/** A save whose answers the test gives, one call at a time. */
function fakeSave() {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const save: SaveDraft = (document, revision) =>
    new Promise((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => inFlight--;
      calls.push({
        document,
        revision,
        resolve: (r) => {
          done();
          resolve({ revision: r });
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
    });
  return { save, calls, maxInFlight: () => maxInFlight };
}

const conflict = (current: number) =>
  new ApiFailure(
    412,
    "precondition_failed",
    `the draft changed since revision 1: it is at revision ${current} now; load it again and reapply your changes`,
    "req",
    [{ path: "If-Match", in: "header", message: `the current revision is "r${current}"` }],
  );

function setup(delayMs = 800) {
  const store = createDesignerStore(sampleDocument(), 1);
  const fake = fakeSave();
  const autosave = createAutosave({ store, save: fake.save, delayMs });
  const title = (t: string) => store.getState().dispatch({ type: "set-title", title: t });
  return { store, autosave, title, ...fake };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createAutosave", () => {
  it("saves once, 800 ms after the last of several edits, and marks the store saved", async () => {
    const { store, title, calls } = setup();
    title("一");
    await vi.advanceTimersByTimeAsync(500);
    title("一二");
    await vi.advanceTimersByTimeAsync(500);
    title("一二三");
    await vi.advanceTimersByTimeAsync(799);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.document.title).toBe("一二三");
    expect(calls[0]?.revision).toBe(1);
    expect(store.getState().save.status).toBe("saving");
    calls[0]?.resolve(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().save).toEqual({ revision: 2, dirty: false, status: "saved" });
  });

  it("does not wait forever while edits keep coming (10 s at most)", async () => {
    const { title, calls } = setup();
    for (let i = 0; i < 30; i++) {
      title(`t${i}`);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(calls.length).toBeGreaterThanOrEqual(1);
  });

  it("keeps one save in flight; edits made during it are saved after it, from the new revision", async () => {
    const { store, title, calls, maxInFlight } = setup();
    title("A");
    await vi.advanceTimersByTimeAsync(800);
    expect(calls).toHaveLength(1);
    title("B");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ revision: 2, document: { title: "B" } });
    expect(store.getState().save.dirty).toBe(true);
    calls[1]?.resolve(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().save).toEqual({ revision: 3, dirty: false, status: "saved" });
    expect(maxInFlight()).toBe(1);
  });

  it("pauses on a 412 with the server's revision, and saves nothing until the merchant chooses", async () => {
    const { store, autosave, title, calls } = setup();
    title("mine");
    await vi.advanceTimersByTimeAsync(800);
    calls[0]?.reject(conflict(7));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().save).toMatchObject({ status: "conflict", conflictRevision: 7, revision: 1, dirty: true });
    title("mine, more");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    await expect(autosave.flush()).rejects.toBeInstanceOf(AutosaveConflict);
  });

  it("overwrite: saves the local document over the server's revision", async () => {
    const { store, autosave, title, calls } = setup();
    title("mine");
    await vi.advanceTimersByTimeAsync(800);
    calls[0]?.reject(conflict(7));
    await vi.advanceTimersByTimeAsync(0);
    const done = autosave.resolveConflict("overwrite");
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[1]).toMatchObject({ revision: 7, document: { title: "mine" } });
    calls[1]?.resolve(8);
    await done;
    expect(store.getState().save).toEqual({ revision: 8, dirty: false, status: "saved" });
    title("later");
    await vi.advanceTimersByTimeAsync(800);
    expect(calls[2]?.revision).toBe(8);
  });

  it("reload: takes the server's draft as the clean base and saves later edits from its revision", async () => {
    const { store, autosave, title, calls } = setup();
    title("mine");
    await vi.advanceTimersByTimeAsync(800);
    calls[0]?.reject(conflict(7));
    await vi.advanceTimersByTimeAsync(0);
    const theirs = { ...sampleDocument(), title: "theirs" };
    await autosave.resolveConflict("reload", theirs, 7);
    expect(store.getState()).toMatchObject({
      document: theirs,
      canUndo: false,
      save: { revision: 7, dirty: false, status: "idle" },
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(1);
    title("theirs, then mine");
    await vi.advanceTimersByTimeAsync(800);
    expect(calls[1]).toMatchObject({ revision: 7, document: { title: "theirs, then mine" } });
  });

  it("retries failures that may pass with growing waits, and not those that will not", async () => {
    const { store, title, calls } = setup();
    title("x");
    await vi.advanceTimersByTimeAsync(800);
    calls[0]?.reject(new TypeError("Failed to fetch"));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().save.status).toBe("error");
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    calls[1]?.reject(new ApiFailure(503, "unavailable", "down", undefined, undefined));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    calls[2]?.resolve(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().save).toEqual({ revision: 2, dirty: false, status: "saved" });

    title("y");
    await vi.advanceTimersByTimeAsync(800);
    calls[3]?.reject(new ApiFailure(422, "validation_failed", "bad", undefined, []));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(4);
    expect(store.getState().save.status).toBe("error");
    title("z");
    await vi.advanceTimersByTimeAsync(800);
    expect(calls).toHaveLength(5);
  });

  it("flush saves at once, resolves when everything is saved, and rejects when a save fails", async () => {
    const { store, autosave, title, calls } = setup();
    await expect(autosave.flush()).resolves.toBeUndefined();
    expect(calls).toHaveLength(0);
    title("A");
    const first = autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    title("B");
    const second = autosave.flush();
    let settled = 0;
    for (const p of [first, second]) void p.then(() => settled++);
    calls[0]?.resolve(2);
    await vi.advanceTimersByTimeAsync(0);
    // "Everything": both wait for the edit made while the first save was in flight.
    expect(calls).toHaveLength(2);
    expect(settled).toBe(0);
    calls[1]?.resolve(3);
    await Promise.all([first, second]);
    expect(store.getState().save).toMatchObject({ revision: 3, dirty: false });

    title("C");
    const failing = autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    calls[2]?.reject(new ApiFailure(500, "internal", "boom", undefined, undefined));
    await expect(failing).rejects.toMatchObject({ status: 500 });
  });

  it("dispose stops saving", async () => {
    const { autosave, title, calls } = setup();
    title("A");
    autosave.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(0);
  });
});

describe("conflictRevisionOf", () => {
  it("reads the current revision from the 412's details, else from its message", () => {
    expect(conflictRevisionOf(conflict(12))).toBe(12);
    expect(
      conflictRevisionOf(new ApiFailure(412, "precondition_failed", "it is at revision 4 now", undefined, null)),
    ).toBe(4);
    expect(conflictRevisionOf(new ApiFailure(412, "precondition_failed", "changed", undefined, null))).toBeUndefined();
  });
});

describe("saveDraftVia", () => {
  it("PUTs the document to the page's draft under If-Match and returns the new revision; a 412 is an ApiFailure", async () => {
    vi.useRealTimers();
    const requests: Request[] = [];
    const answers = [
      new Response(JSON.stringify({ id: "p1", revision: 4 }), {
        status: 200,
        headers: { "content-type": "application/json" },
      }),
      new Response(
        JSON.stringify({
          error: {
            code: "precondition_failed",
            message: "the draft changed since revision 3: it is at revision 5 now",
            requestId: "r",
            details: [{ path: "If-Match", in: "header", message: 'the current revision is "r5"' }],
          },
        }),
        { status: 412, headers: { "content-type": "application/json", ETag: '"r5"' } },
      ),
    ];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(new URL(String(input), "http://builder.test"), init));
      const answer = answers.shift();
      if (!answer) throw new Error("no more answers");
      return answer;
    });
    try {
      const save = saveDraftVia("p1");
      const doc = sampleDocument();
      await expect(save(doc, 3)).resolves.toEqual({ revision: 4 });
      const req = requests[0];
      expect(req?.method).toBe("PUT");
      expect(new URL(req?.url ?? "").pathname).toBe("/merchant/v1/pages/p1/draft");
      expect(req?.headers.get("if-match")).toBe('"r3"');
      expect(await req?.json()).toEqual(doc);
      const err = await save(doc, 3).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiFailure);
      if (err instanceof ApiFailure) expect(conflictRevisionOf(err)).toBe(5);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
