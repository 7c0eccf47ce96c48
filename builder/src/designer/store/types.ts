// The designer store's contract: what the UI reads and the actions it dispatches. Implemented by
// ./index.ts (createDesignerStore) with one reducer file per action under ./actions/, each with its
// spec beside it. History records document actions only (never selection or UI), so undo/redo is exact.
import type { TBlockNode, TPageDocument, TThemeOverrides } from "@mallwright/schema";

/** Where a block goes: a parent (null = the page root) and an index among its children. */
export interface Place {
  parentId: string | null;
  index: number;
}

/** Every change to the document. A discriminated union; one reducer each (./actions/<type>.ts). */
export type DesignerAction =
  /** A new block (from the palette: defaults of its registry entry, a fresh id). */
  | { type: "insert"; block: TBlockNode; to: Place }
  /** Moves a block (and its children) to another place; refused where the target may not hold it. */
  | { type: "move"; id: string; to: Place }
  | { type: "remove"; id: string }
  /** Copies a block right after itself, with fresh ids throughout. */
  | { type: "duplicate"; id: string }
  /** Merges `props` into the block's props (one inspector edit). */
  | { type: "update-props"; id: string; props: Record<string, unknown> }
  /** Replaces the block's props whole (what undoes update-props; the inspector sends update-props). */
  | { type: "set-props"; id: string; props: Record<string, unknown> }
  /** The outline's name of a block (shown in the outline and on the canvas label); "" clears it. */
  | { type: "rename"; id: string; name: string }
  | { type: "move-up"; id: string }
  | { type: "move-down"; id: string }
  /** Pasted blocks (validated first), given fresh ids, placed at `to`. */
  | { type: "paste"; blocks: TBlockNode[]; to: Place }
  | { type: "set-title"; title: string }
  | { type: "set-page-theme"; theme: TThemeOverrides | undefined }
  /** The whole document at once (a template applied, a version restored). Recorded: undo brings the old one back. */
  | { type: "replace-document"; document: TPageDocument };

export type Viewport = 320 | 375 | 414;

export interface DocumentSlice {
  document: TPageDocument;
  /** Flat indexes kept beside the tree: a change touches only what changed. */
  nodesById: ReadonlyMap<string, TBlockNode>;
  /** null: at the page root. */
  parentOf: ReadonlyMap<string, string | null>;
}

export interface HistorySlice {
  /** Inverse-able entries of document actions only. */
  canUndo: boolean;
  canRedo: boolean;
}

export interface SelectionSlice {
  selectedId: string | null;
}

export interface SaveState {
  /** The draft revision the server last confirmed (sent as If-Match). */
  revision: number;
  /** Document changed since the last confirmed save. */
  dirty: boolean;
  status: "idle" | "saving" | "saved" | "error" | "conflict";
  /** On a 412: the server's current revision, so the UI can offer "load theirs" or "overwrite". */
  conflictRevision?: number;
}

export interface UiSlice {
  viewport: Viewport;
  /** Publish-check problems by block id (shown on the blocks they concern); "" for page-level ones. */
  problems: Readonly<Record<string, readonly string[]>>;
  save: SaveState;
}

export interface DesignerState extends DocumentSlice, HistorySlice, SelectionSlice, UiSlice {
  /** The only way the document changes. Invalid actions (unknown id, a container into itself, a type the target may not hold, limits) are ignored and return false. */
  dispatch(action: DesignerAction): boolean;
  undo(): void;
  redo(): void;
  select(id: string | null): void;
  setViewport(viewport: Viewport): void;
  setProblems(problems: Record<string, readonly string[]>): void;
  /** Autosave bookkeeping (not recorded in history). */
  markSaving(): void;
  markSaved(revision: number, savedDocument: TPageDocument): void;
  markSaveFailed(conflictRevision?: number): void;
  /** Loads a document from the server as the new clean base (clears history). */
  load(document: TPageDocument, revision: number): void;
}
