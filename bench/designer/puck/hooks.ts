// What the benchmark's Puck app (main.tsx) exposes on window for the driver (editor.ts): each data
// change Puck handed to onChange, with the time it was committed on the page's clock.

export interface PuckCommit {
  /** performance.now() when Puck called onChange. */
  t: number;
  /** Root item ids in order. */
  order: string[];
  /** Every Title's text by id. */
  titles: Record<string, string>;
}

export interface PuckBench {
  ready: boolean;
  commits: PuckCommit[];
}

declare global {
  interface Window {
    __puckBench?: PuckBench;
  }
}
