// createDesignerStore: one zustand (vanilla) store per editor, implementing DesignerState. The
// document changes only through dispatch(); history keeps each document action's inverse and its
// exact replay (never selection or UI), and merges quick successive edits of the same field.
import type { TPageDocument } from "@mallwright/schema";
import { createStore, type StoreApi } from "zustand/vanilla";
import { reduce } from "./actions/index.ts";
import { indexDocument } from "./tree.ts";
import type { DesignerAction, DesignerState, DocumentSlice } from "./types.ts";

export type { DesignerAction, DesignerState, Place, SaveState, Viewport } from "./types.ts";

export type DesignerStore = StoreApi<DesignerState>;

/** Successive edits of the same field within this window are one undo step. */
export const COALESCE_MS = 500;
/** Undo steps kept; the oldest are dropped beyond it. */
export const HISTORY_LIMIT = 300;

export interface DesignerStoreOptions {
  /** The clock coalescing reads (tests inject one). */
  now?: () => number;
}

interface HistoryEntry {
  undo: DesignerAction[];
  redo: DesignerAction[];
  /** Edits with the same key within COALESCE_MS merge into this entry. */
  key?: string;
  at: number;
}

/** What makes two successive edits the same typing: the same block and the same props, the title, a name. */
function coalesceKey(action: DesignerAction): string | undefined {
  switch (action.type) {
    case "update-props":
      return `props:${action.id}:${Object.keys(action.props).sort().join(",")}`;
    case "rename":
      return `rename:${action.id}`;
    case "set-title":
      return "title";
    default:
      return undefined;
  }
}

/** Applies actions in order; null if any of them does not apply (history no longer matches). */
function applyAll(slice: DocumentSlice, actions: readonly DesignerAction[]): DocumentSlice | null {
  let at = slice;
  for (const action of actions) {
    const r = reduce(at, action);
    if (!r) return null;
    at = r.slice;
  }
  return at;
}

export function createDesignerStore(
  document: TPageDocument,
  revision: number,
  options: DesignerStoreOptions = {},
): DesignerStore {
  const now = options.now ?? Date.now;
  let undoStack: HistoryEntry[] = [];
  let redoStack: HistoryEntry[] = [];
  /** The entry the last dispatch recorded (only it may absorb the next edit). */
  let lastRecorded: HistoryEntry | null = null;
  let saved: TPageDocument = document;

  return createStore<DesignerState>()((set, get) => {
    /** Sets a new slice and everything derived from it: dirty, selection that still exists, history flags. */
    const commit = (slice: DocumentSlice, select?: string) => {
      const { selectedId, save } = get();
      const keep = select ?? (selectedId !== null && slice.nodesById.has(selectedId) ? selectedId : null);
      set({
        ...slice,
        selectedId: keep,
        canUndo: undoStack.length > 0,
        canRedo: redoStack.length > 0,
        save: { ...save, dirty: slice.document !== saved },
      });
    };
    const sliceOf = (): DocumentSlice => {
      const { document: doc, nodesById, parentOf } = get();
      return { document: doc, nodesById, parentOf };
    };
    const clearHistory = () => {
      undoStack = [];
      redoStack = [];
      lastRecorded = null;
    };

    return {
      ...indexDocument(document),
      canUndo: false,
      canRedo: false,
      selectedId: null,
      viewport: 375,
      problems: {},
      save: { revision, dirty: false, status: "idle" },

      dispatch(action) {
        const result = reduce(sliceOf(), action);
        if (!result) return false;
        const at = now();
        const key = coalesceKey(action);
        const top = undoStack.at(-1);
        if (key && top && top === lastRecorded && top.key === key && at - top.at <= COALESCE_MS) {
          top.redo = result.redo;
          top.at = at;
        } else {
          const entry: HistoryEntry = { undo: result.inverse, redo: result.redo, at, ...(key ? { key } : {}) };
          undoStack = [...undoStack, entry].slice(-HISTORY_LIMIT);
          lastRecorded = entry;
        }
        redoStack = [];
        commit(result.slice, result.select);
        return true;
      },

      undo() {
        const entry = undoStack.at(-1);
        if (!entry) return;
        const slice = applyAll(sliceOf(), entry.undo);
        undoStack = undoStack.slice(0, -1);
        lastRecorded = null;
        // Only a document changed behind history's back gets here: drop what no longer applies.
        if (!slice) {
          clearHistory();
          commit(sliceOf());
          return;
        }
        redoStack = [...redoStack, entry];
        commit(slice);
      },

      redo() {
        const entry = redoStack.at(-1);
        if (!entry) return;
        const slice = applyAll(sliceOf(), entry.redo);
        redoStack = redoStack.slice(0, -1);
        lastRecorded = null;
        if (!slice) {
          clearHistory();
          commit(sliceOf());
          return;
        }
        undoStack = [...undoStack, entry];
        commit(slice);
      },

      select(id) {
        if (id !== null && !get().nodesById.has(id)) return;
        if (get().selectedId !== id) set({ selectedId: id });
      },
      setViewport(viewport) {
        set({ viewport });
      },
      setProblems(problems) {
        set({ problems });
      },

      markSaving() {
        const { conflictRevision: _conflict, ...rest } = get().save;
        set({ save: { ...rest, status: "saving" } });
      },
      markSaved(rev, savedDocument) {
        saved = savedDocument;
        set({ save: { revision: rev, dirty: get().document !== savedDocument, status: "saved" } });
      },
      markSaveFailed(conflictRevision) {
        const { save } = get();
        set({
          save:
            conflictRevision === undefined
              ? { revision: save.revision, dirty: save.dirty, status: "error" }
              : { revision: save.revision, dirty: save.dirty, status: "conflict", conflictRevision },
        });
      },
      load(doc, rev) {
        saved = doc;
        clearHistory();
        const slice = indexDocument(doc);
        const { selectedId } = get();
        set({
          ...slice,
          selectedId: selectedId !== null && slice.nodesById.has(selectedId) ? selectedId : null,
          canUndo: false,
          canRedo: false,
          problems: {},
          save: { revision: rev, dirty: false, status: "idle" },
        });
      },
    };
  });
}
