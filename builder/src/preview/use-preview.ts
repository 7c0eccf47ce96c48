// Follows a draft preview: loads it, then polls every few seconds and replaces what is shown only when
// the draft's revision changed (an unchanged draft re-renders nothing). An expired, invalid or gone
// link stops the polling; while the network is down the last draft stays up and polling goes on.
import { useEffect, useState } from "react";
import { ApiFailure } from "../api/client.ts";
import { loadPreview, type Preview } from "./load-preview.ts";

/** Why a link stopped working: 410 expired, 401 not a link we signed, 404 the page is gone. */
export type PreviewEnd = "expired" | "invalid" | "missing";

export interface PreviewState {
  preview: Preview | null;
  /** Set once the link stopped working (polling has stopped). */
  ended: PreviewEnd | null;
  /** The last poll failed for another reason (network, 5xx); polling goes on. */
  error: unknown;
}

export const POLL_MS = 3000;

function endOf(err: unknown): PreviewEnd | null {
  if (!(err instanceof ApiFailure)) return null;
  if (err.status === 410) return "expired";
  if (err.status === 401) return "invalid";
  if (err.status === 404) return "missing";
  return null;
}

export function usePreview(token: string, intervalMs: number = POLL_MS): PreviewState & { retry(): void } {
  const [state, setState] = useState<PreviewState>({ preview: null, ended: null, error: undefined });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` restarts the polling after a retry
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let revision: number | null = null;
    const schedule = () => {
      timer = setTimeout(tick, intervalMs);
    };
    const tick = async () => {
      // A phone in a pocket does not need the draft: look again when it is back on screen.
      if (typeof document !== "undefined" && document.visibilityState === "hidden") return schedule();
      try {
        const next = await loadPreview(token);
        if (!live) return;
        if (next.revision !== revision) {
          revision = next.revision;
          setState({ preview: next, ended: null, error: undefined });
        } else {
          setState((s) => (s.error === undefined ? s : { ...s, error: undefined }));
        }
        schedule();
      } catch (err) {
        if (!live) return;
        const ended = endOf(err);
        setState((s) => ({ ...s, ended, error: ended ? undefined : err }));
        if (!ended) schedule();
      }
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [token, intervalMs, attempt]);

  return {
    ...state,
    retry: () => {
      setState({ preview: null, ended: null, error: undefined });
      setAttempt((n) => n + 1);
    },
  };
}
