// The designer store: dispatch and history (exact undo/redo over seeded random edits, coalesced
// typing, redo cleared by a new edit), selection rules, save bookkeeping, and identity of what a
// change does not touch.
import { BLOCK_TYPES, type TPageDocument } from "@mallwright/schema";
import { describe, expect, it } from "vitest";
import { newBlock } from "../new-block.ts";
import { COALESCE_MS, createDesignerStore, type DesignerStore } from "./index.ts";
import { block, expectIndexesMatch, sampleDocument } from "./test-document.ts";
import type { DesignerAction, Place } from "./types.ts";

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** mulberry32: a small seeded generator, so a failing sequence can be replayed. */
function seeded(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => {
    const item = list[int(list.length)];
    if (item === undefined) throw new Error("empty list");
    return item;
  };
  return { next, int, pick };
}

/** A random action over the current state; it may be invalid (the store must then refuse it). */
function randomAction(store: DesignerStore, rnd: ReturnType<typeof seeded>): DesignerAction {
  const s = store.getState();
  const ids = [...s.nodesById.keys()];
  const containers = ids.filter((id) => s.nodesById.get(id)?.children !== undefined);
  const randomPlace = (): Place => {
    const parentId = rnd.next() < 0.4 || containers.length === 0 ? null : rnd.pick(containers);
    const size = parentId === null ? s.document.blocks.length : (s.nodesById.get(parentId)?.children?.length ?? 0);
    return { parentId, index: rnd.int(size + 1) };
  };
  const someId = () => (ids.length > 0 ? rnd.pick(ids) : "none");
  switch (rnd.int(12)) {
    case 0:
    case 1:
      return { type: "insert", block: newBlock(rnd.pick(BLOCK_TYPES)), to: randomPlace() };
    case 2:
      return { type: "move", id: someId(), to: randomPlace() };
    case 3:
      return { type: "remove", id: someId() };
    case 4:
      return { type: "duplicate", id: someId() };
    case 5: {
      const id = someId();
      const type = s.nodesById.get(id)?.type;
      if (type === "spacer") return { type: "update-props", id, props: { height: 4 + rnd.int(100) } };
      if (type === "title") return { type: "update-props", id, props: { title: `T${rnd.int(1000)}` } };
      if (type === "container")
        return { type: "update-props", id, props: { columns: 1 + rnd.int(4), gap: rnd.int(30) } };
      return { type: "update-props", id, props: { nonsense: 1 } };
    }
    case 6:
      return { type: "rename", id: someId(), name: rnd.next() < 0.3 ? "" : `名${rnd.int(100)}` };
    case 7:
      return { type: "move-up", id: someId() };
    case 8:
      return { type: "move-down", id: someId() };
    case 9: {
      const node = s.nodesById.get(someId());
      return { type: "paste", blocks: node ? [node] : [], to: randomPlace() };
    }
    case 10:
      return { type: "set-title", title: `页面${rnd.int(100)}` };
    default:
      return {
        type: "set-page-theme",
        theme: rnd.next() < 0.3 ? undefined : { radius: rnd.int(24), colors: { primary: "#07c160" } },
      };
  }
}

describe("createDesignerStore: history", () => {
  it.each([1, 2, 3, 42, 2024])(
    "undoes 30 random valid actions (seed %i) back to the start and redoes them to the end, exactly",
    (seed) => {
      const clock = manualClock();
      const start = sampleDocument();
      const store = createDesignerStore(start, 1, { now: clock.now });
      const rnd = seeded(seed);
      const snapshots: TPageDocument[] = [store.getState().document];
      let refused = 0;
      while (snapshots.length <= 30) {
        const before = store.getState();
        clock.advance(COALESCE_MS + 1);
        if (store.getState().dispatch(randomAction(store, rnd))) {
          snapshots.push(store.getState().document);
          expectIndexesMatch(store.getState());
        } else {
          refused++;
          // A refused action changes nothing at all.
          expect(store.getState()).toBe(before);
        }
      }
      expect(refused).toBeGreaterThan(0);
      const end = store.getState().document;
      for (let i = snapshots.length - 2; i >= 0; i--) {
        expect(store.getState().canUndo).toBe(true);
        store.getState().undo();
        expect(store.getState().document).toStrictEqual(snapshots[i]);
        expectIndexesMatch(store.getState());
      }
      expect(store.getState().canUndo).toBe(false);
      expect(store.getState().document).toStrictEqual(start);
      for (let i = 1; i < snapshots.length; i++) {
        store.getState().redo();
        expect(store.getState().document).toStrictEqual(snapshots[i]);
      }
      expect(store.getState().canRedo).toBe(false);
      expect(store.getState().document).toStrictEqual(end);
    },
  );

  it("records document actions only: selecting, viewport and problems are not undo steps", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    const s = store.getState();
    s.select("t1");
    s.setViewport(414);
    s.setProblems({ t1: ["x"] });
    expect(store.getState().canUndo).toBe(false);
    expect(store.getState()).toMatchObject({ selectedId: "t1", viewport: 414 });
  });

  it("clears the redo stack on a new action", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    store.getState().dispatch({ type: "remove", id: "t1" });
    store.getState().undo();
    expect(store.getState().canRedo).toBe(true);
    store.getState().dispatch({ type: "remove", id: "g1" });
    expect(store.getState().canRedo).toBe(false);
    store.getState().redo();
    expect(store.getState().nodesById.has("t1")).toBe(true);
  });

  it("merges typing into one step: same block, same keys, within 500 ms of the previous keystroke", () => {
    const clock = manualClock();
    const start = sampleDocument();
    const store = createDesignerStore(start, 1, { now: clock.now });
    const type = (title: string) => store.getState().dispatch({ type: "update-props", id: "t1", props: { title } });
    for (const text of ["夏", "夏季", "夏季上", "夏季上新"]) {
      clock.advance(300);
      type(text);
    }
    clock.advance(COALESCE_MS + 1);
    type("夏季上新!");
    store.getState().undo();
    expect(store.getState().nodesById.get("t1")?.props.title).toBe("夏季上新");
    store.getState().undo();
    expect(store.getState().document).toStrictEqual(start);
    expect(store.getState().canUndo).toBe(false);
    store.getState().redo();
    expect(store.getState().nodesById.get("t1")?.props.title).toBe("夏季上新");
  });

  it("does not merge edits of other props, other blocks, or after an undo", () => {
    const clock = manualClock();
    const store = createDesignerStore(sampleDocument(), 1, { now: clock.now });
    const d = store.getState().dispatch;
    d({ type: "update-props", id: "t1", props: { title: "a" } });
    clock.advance(10);
    d({ type: "update-props", id: "t1", props: { subtitle: "b" } });
    clock.advance(10);
    d({ type: "update-props", id: "t2", props: { title: "c" } });
    clock.advance(10);
    d({ type: "update-props", id: "t2", props: { title: "cc" } });
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().nodesById.get("t2")?.props.title).toBe("左");
    expect(store.getState().nodesById.get("t1")?.props.subtitle).toBe("");
    // The entry now on top (t1's title) was not the last one recorded: a new edit starts its own.
    d({ type: "update-props", id: "t1", props: { title: "aa" } });
    store.getState().undo();
    expect(store.getState().nodesById.get("t1")?.props.title).toBe("a");
  });

  it("merges renames and title typing the same way", () => {
    const clock = manualClock();
    const store = createDesignerStore(sampleDocument(), 1, { now: clock.now });
    for (const name of ["左", "左栏"]) {
      clock.advance(100);
      store.getState().dispatch({ type: "rename", id: "c1", name });
    }
    for (const title of ["夏", "夏季"]) {
      clock.advance(100);
      store.getState().dispatch({ type: "set-title", title });
    }
    store.getState().undo();
    expect(store.getState().document.title).toBe("首页");
    store.getState().undo();
    expect(store.getState().nodesById.get("c1")).not.toHaveProperty("name");
  });
});

describe("createDesignerStore: selection", () => {
  it("selects what insert, duplicate and paste add", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    const d = store.getState().dispatch;
    const b = newBlock("notice");
    d({ type: "insert", block: b, to: { parentId: null, index: 0 } });
    expect(store.getState().selectedId).toBe(b.id);
    d({ type: "duplicate", id: "t1" });
    const copyId = store.getState().document.blocks[3]?.id;
    expect(store.getState().selectedId).toBe(copyId);
    d({ type: "paste", blocks: [block("x", "divider")], to: { parentId: "c1", index: 0 } });
    const pasted = store.getState().nodesById.get("c1")?.children?.[0]?.id;
    expect(pasted).not.toBe("x");
    expect(store.getState().selectedId).toBe(pasted);
  });

  it("clears on removing the selected block or its container, and keeps it otherwise", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    store.getState().select("s1");
    store.getState().dispatch({ type: "remove", id: "t1" });
    expect(store.getState().selectedId).toBe("s1");
    store.getState().dispatch({ type: "remove", id: "c1" });
    expect(store.getState().selectedId).toBeNull();
  });

  it("survives undo when the block still exists, else clears", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    store.getState().dispatch({ type: "update-props", id: "s1", props: { height: 50 } });
    store.getState().select("s1");
    store.getState().undo();
    expect(store.getState().selectedId).toBe("s1");
    store.getState().dispatch({ type: "duplicate", id: "t1" });
    expect(store.getState().selectedId).not.toBe("s1");
    store.getState().undo();
    expect(store.getState().selectedId).toBeNull();
  });

  it("ignores selecting an unknown id", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    store.getState().select("t1");
    store.getState().select("nope");
    expect(store.getState().selectedId).toBe("t1");
    store.getState().select(null);
    expect(store.getState().selectedId).toBeNull();
  });
});

describe("createDesignerStore: save state", () => {
  it("is dirty after an edit, clean when marked saved with the document that was saved", () => {
    const store = createDesignerStore(sampleDocument(), 4);
    expect(store.getState().save).toEqual({ revision: 4, dirty: false, status: "idle" });
    store.getState().dispatch({ type: "set-title", title: "新" });
    expect(store.getState().save.dirty).toBe(true);
    store.getState().markSaving();
    expect(store.getState().save.status).toBe("saving");
    const sent = store.getState().document;
    store.getState().dispatch({ type: "set-title", title: "新新" });
    store.getState().markSaved(5, sent);
    expect(store.getState().save).toEqual({ revision: 5, dirty: true, status: "saved" });
    store.getState().markSaved(6, store.getState().document);
    expect(store.getState().save).toEqual({ revision: 6, dirty: false, status: "saved" });
  });

  it("marks errors and conflicts, and load() starts a clean base with no history", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    store.getState().dispatch({ type: "remove", id: "g1" });
    store.getState().markSaveFailed();
    expect(store.getState().save).toMatchObject({ status: "error", dirty: true, revision: 1 });
    store.getState().markSaveFailed(9);
    expect(store.getState().save).toMatchObject({ status: "conflict", conflictRevision: 9 });
    store.getState().select("t1");
    const theirs = { ...sampleDocument(), title: "别人的" };
    store.getState().load(theirs, 9);
    expect(store.getState()).toMatchObject({
      document: theirs,
      canUndo: false,
      canRedo: false,
      selectedId: "t1",
      save: { revision: 9, dirty: false, status: "idle" },
    });
    expect(store.getState().save).not.toHaveProperty("conflictRevision");
    expectIndexesMatch(store.getState());
  });
});

describe("createDesignerStore: identity", () => {
  it("keeps untouched nodes, the indexes it does not need to change, and refused actions leave the state object", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    const before = store.getState();
    store.getState().dispatch({ type: "update-props", id: "t2", props: { title: "右" } });
    const after = store.getState();
    expect(after.nodesById.get("t1")).toBe(before.nodesById.get("t1"));
    expect(after.nodesById.get("c2")).toBe(before.nodesById.get("c2"));
    expect(after.nodesById.get("t2")).not.toBe(before.nodesById.get("t2"));
    expect(after.parentOf).toBe(before.parentOf);
    expect(after.document.blocks[3]).toBe(before.document.blocks[3]);
    expect(store.getState().dispatch({ type: "remove", id: "nope" })).toBe(false);
    expect(store.getState()).toBe(after);
  });
});
