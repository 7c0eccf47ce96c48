// Autosave of the designer's draft: debounced after edits, one save in flight at a time (edits made
// during it are saved after it), retried with backoff on failures that may pass, paused on a 412
// until the merchant chooses to overwrite or reload. flush() before publish and on leaving.
import type { TPageDocument } from "@mallwright/schema";
import { ApiFailure, call, merchant } from "../api/client.ts";
import i18n from "../i18n/index.ts";
import type { DesignerStore } from "./store/index.ts";

/** Saves a draft from `revision` (sent as If-Match); resolves with the new revision or rejects with ApiFailure. */
export type SaveDraft = (document: TPageDocument, revision: number) => Promise<{ revision: number }>;

export interface AutosaveOptions {
  store: DesignerStore;
  save: SaveDraft;
  /** Quiet time after the last edit before saving. */
  delayMs?: number;
  /** Longest a dirty document waits while edits keep coming. */
  maxWaitMs?: number;
  /** Waits before retrying after failures 1, 2, 3…; the last repeats. */
  retryDelaysMs?: readonly number[];
  now?: () => number;
}

export interface Autosave {
  /** Saves what is unsaved now; resolves once nothing is, rejects with the error if a save fails (or a conflict waits). */
  flush(): Promise<void>;
  /** After a 412: save this document over the server's revision. */
  resolveConflict(choice: "overwrite"): Promise<void>;
  /** After a 412: drop the local edits and take the server's draft. */
  resolveConflict(choice: "reload", document: TPageDocument, revision: number): Promise<void>;
  dispose(): void;
}

/** flush() while a conflict waits for the merchant's choice. */
export class AutosaveConflict extends Error {
  override readonly name = "AutosaveConflict";
  constructor(readonly conflictRevision: number | undefined) {
    super(i18n.t("errors.conflictPending"));
  }
}

const DEFAULT_RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/**
 * The server's current revision from a 412: its details say `the current revision is "r7"` (the
 * ETag is not visible through ApiFailure); the message names it too.
 */
export function conflictRevisionOf(err: ApiFailure): number | undefined {
  const texts: string[] = [];
  if (Array.isArray(err.details)) {
    for (const d of err.details) {
      if (typeof d === "object" && d !== null && "message" in d && typeof d.message === "string") texts.push(d.message);
    }
  }
  for (const text of texts) {
    const m = /"r(\d+)"/.exec(text);
    if (m?.[1]) return Number(m[1]);
  }
  const m = /at revision (\d+)/.exec(err.message);
  return m?.[1] ? Number(m[1]) : undefined;
}

/** Failures worth retrying on their own: the network, the server, timeouts and rate limits. */
function isRetryable(err: unknown): boolean {
  if (!(err instanceof ApiFailure)) return true;
  return err.status >= 500 || err.status === 408 || err.status === 429;
}

export function createAutosave(options: AutosaveOptions): Autosave {
  const { store, save } = options;
  const delayMs = options.delayMs ?? 800;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const retry = options.retryDelaysMs ?? DEFAULT_RETRY_MS;
  const now = options.now ?? Date.now;

  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  let paused = false;
  let disposed = false;
  let failures = 0;
  let dirtySince: number | null = null;
  /** Set by "overwrite": the revision to save over, whatever the store says. */
  let overrideRevision: number | null = null;
  let waiters: { resolve(): void; reject(err: unknown): void }[] = [];

  const settle = (err?: unknown) => {
    const list = waiters;
    waiters = [];
    for (const w of list) {
      if (err === undefined) w.resolve();
      else w.reject(err);
    }
  };
  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const schedule = (ms: number) => {
    clearTimer();
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, ms);
  };
  const pending = () => store.getState().save.dirty || overrideRevision !== null;

  const onFailure = (err: unknown) => {
    if (err instanceof ApiFailure && err.status === 412) {
      const conflict = conflictRevisionOf(err);
      if (conflict !== undefined) {
        paused = true;
        clearTimer();
        store.getState().markSaveFailed(conflict);
        settle(new AutosaveConflict(conflict));
        return;
      }
    }
    failures++;
    store.getState().markSaveFailed();
    settle(err);
    if (isRetryable(err)) schedule(retry[Math.min(failures, retry.length) - 1] ?? 30_000);
  };

  async function run(): Promise<void> {
    if (disposed || paused || inFlight) return;
    if (!pending()) {
      settle();
      return;
    }
    clearTimer();
    dirtySince = null;
    const state = store.getState();
    const document = state.document;
    const revision = overrideRevision ?? state.save.revision;
    state.markSaving();
    inFlight = (async () => {
      try {
        const saved = await save(document, revision);
        overrideRevision = null;
        failures = 0;
        store.getState().markSaved(saved.revision, document);
      } catch (err) {
        onFailure(err);
      }
    })();
    await inFlight;
    inFlight = null;
    if (disposed || paused) return;
    if (store.getState().save.status === "error") return;
    // Edits made during the save: saved now, unless their own debounce is still running.
    if (pending()) {
      if (timer === null) await run();
    } else settle();
  }

  const onEdit = () => {
    if (disposed || paused || !store.getState().save.dirty) return;
    const at = now();
    dirtySince ??= at;
    schedule(Math.max(0, Math.min(delayMs, dirtySince + maxWaitMs - at)));
  };

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.document !== prev.document) onEdit();
  });
  if (store.getState().save.dirty) onEdit();

  const flush = (): Promise<void> => {
    if (disposed) return Promise.reject(new Error("autosave was disposed"));
    if (paused) return Promise.reject(new AutosaveConflict(store.getState().save.conflictRevision));
    if (!pending() && !inFlight) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => {
      waiters.push({ resolve, reject });
    });
    clearTimer();
    void run();
    return done;
  };

  function resolveConflict(choice: "overwrite"): Promise<void>;
  function resolveConflict(choice: "reload", document: TPageDocument, revision: number): Promise<void>;
  function resolveConflict(choice: "overwrite" | "reload", document?: TPageDocument, revision?: number): Promise<void> {
    if (choice === "reload") {
      if (!document || revision === undefined) return Promise.reject(new Error("reload needs the server's draft"));
      paused = false;
      overrideRevision = null;
      failures = 0;
      clearTimer();
      store.getState().load(document, revision);
      return Promise.resolve();
    }
    const conflict = store.getState().save.conflictRevision;
    if (!paused || conflict === undefined) return flush();
    paused = false;
    overrideRevision = conflict;
    return flush();
  }

  return {
    flush,
    resolveConflict,
    dispose() {
      disposed = true;
      unsubscribe();
      clearTimer();
      settle(new Error("autosave was disposed"));
    },
  };
}

/** The If-Match value of a draft revision (the pages route's ETag format). */
export function revisionTag(revision: number): string {
  return `"r${revision}"`;
}

/** The real save: PUT /merchant/v1/pages/:id/draft under If-Match "r<revision>"; the answer's revision is the new one. */
export function saveDraftVia(pageId: string): SaveDraft {
  return async (document, revision) => {
    const page = await call(
      merchant.pages[":id"].draft.$put({
        param: { id: pageId },
        header: { "if-match": revisionTag(revision) },
        json: document,
      }),
    );
    return { revision: page.revision };
  };
}
