// Copy and paste of blocks, across pages and tabs: the system clipboard carries
// { "mallwright": "blocks", schemaVersion, blocks } as JSON (an in-memory clipboard stands in when
// the browser has no clipboard API or refuses it). Paste migrates older versions and validates
// everything before the store sees it; refusals come back as { zh, en } messages, never thrown.
import { CURRENT_SCHEMA_VERSION, type Localized, loadPage, type PageIssue, type TBlockNode } from "@mallwright/schema";

/** The marker that tells our payload from any other text on the clipboard. */
export const CLIPBOARD_KIND = "blocks";

export interface ClipboardPayload {
  mallwright: typeof CLIPBOARD_KIND;
  schemaVersion: number;
  blocks: TBlockNode[];
}

/** The envelope of our payload (the blocks inside are checked by loadPage). */
function readEnvelope(raw: unknown): { schemaVersion: number; blocks: unknown[] } | null {
  if (typeof raw !== "object" || raw === null) return null;
  if (!("mallwright" in raw) || !("schemaVersion" in raw) || !("blocks" in raw)) return null;
  const { mallwright, schemaVersion, blocks } = raw;
  if (mallwright !== CLIPBOARD_KIND || typeof schemaVersion !== "number" || !Number.isInteger(schemaVersion))
    return null;
  if (!Array.isArray(blocks) || blocks.length === 0) return null;
  return { schemaVersion, blocks };
}

export type PasteRead = { ok: true; blocks: TBlockNode[] } | { ok: false; message: Localized };

/** What the designer needs of a clipboard (the real one, or a fake in tests). */
export interface DesignerClipboard {
  write(blocks: readonly TBlockNode[]): Promise<void>;
  /** The blocks on the clipboard, migrated and validated; or why they cannot be pasted. */
  read(): Promise<PasteRead>;
}

/** The part of navigator.clipboard used here. */
export interface TextClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

export function serializeBlocks(blocks: readonly TBlockNode[]): string {
  const payload: ClipboardPayload = {
    mallwright: CLIPBOARD_KIND,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    blocks: [...blocks],
  };
  return JSON.stringify(payload);
}

const NOT_BLOCKS: Localized = {
  zh: "剪贴板里没有可粘贴的区块（只能粘贴从 Mallwright 设计器复制的区块）",
  en: "There are no blocks on the clipboard (only blocks copied in the Mallwright designer can be pasted)",
};
const EMPTY: Localized = { zh: "剪贴板是空的：先复制一个区块", en: "The clipboard is empty: copy a block first" };

function describeIssue(issue: PageIssue): string {
  return issue.path ? `${issue.path.replace(/^blocks\./, "")}: ${issue.message}` : issue.message;
}

/**
 * Reads clipboard text: our payload only, migrated from its schema version through loadPage on a
 * wrapping document, every block checked against the registry (shape, props, nesting, limits).
 */
export function parseClipboardText(text: string): PasteRead {
  if (text.trim() === "") return { ok: false, message: EMPTY };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, message: NOT_BLOCKS };
  }
  const envelope = readEnvelope(raw);
  if (!envelope) return { ok: false, message: NOT_BLOCKS };
  const { schemaVersion, blocks } = envelope;
  if (schemaVersion > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      message: {
        zh: `这些区块来自更新版本的 Mallwright（版本 ${schemaVersion}），请刷新页面后再粘贴`,
        en: `These blocks come from a newer Mallwright (version ${schemaVersion}); reload the page, then paste again`,
      },
    };
  }
  const loaded = loadPage({ schemaVersion, title: "clipboard", blocks });
  const first = loaded.issues[0];
  if (first || !loaded.document) {
    const detail = first ? describeIssue(first) : "";
    return {
      ok: false,
      message: {
        zh: `剪贴板里的区块无效，无法粘贴：${detail}`,
        en: `The blocks on the clipboard are not valid and cannot be pasted: ${detail}`,
      },
    };
  }
  return { ok: true, blocks: loaded.document.blocks };
}

function systemClipboard(): TextClipboard | null {
  return typeof navigator !== "undefined" && navigator.clipboard ? navigator.clipboard : null;
}

/**
 * The designer's clipboard: the system one when there is one and it lets us, the memory of this tab
 * otherwise. `system: null` forces memory only.
 */
export function createClipboard(options: { system?: TextClipboard | null } = {}): DesignerClipboard {
  const system = options.system === undefined ? systemClipboard() : options.system;
  let memory: string | null = null;
  return {
    async write(blocks) {
      const text = serializeBlocks(blocks);
      memory = text;
      if (!system) return;
      try {
        await system.writeText(text);
      } catch {
        // Refused (no permission, page not focused): this tab's memory still has it.
      }
    },
    async read() {
      let text: string | null = null;
      if (system) {
        try {
          text = await system.readText();
        } catch {
          text = null;
        }
      }
      return parseClipboardText(text ?? memory ?? "");
    },
  };
}
