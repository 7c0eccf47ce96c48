// At most `width` order writes of one store at a time from this process; the rest wait here, in
// order of arrival. Every submission in a store updates the same rows (its order counter, and in a
// sale the same SKU and product), so past a couple at once the others only queue in PostgreSQL,
// where a waiter costs a backend, its lock, a wake-up and a re-check of the row it waited for: on the
// bench (bench/README.md, "Orders") 10 writers at once spent ~40% more PostgreSQL CPU per order than
// 3 for fewer orders per second. Stores never wait for each other.

export class StoreLanes {
  readonly #lanes = new Map<string, { active: number; waiting: (() => void)[] }>();
  readonly width: number;

  constructor(width: number) {
    if (!Number.isSafeInteger(width) || width < 1) throw new Error(`StoreLanes: width must be >= 1, not ${width}`);
    this.width = width;
  }

  /** Writes of this store running now or waiting (0 once all have finished). */
  load(storeId: string): number {
    const lane = this.#lanes.get(storeId);
    return lane ? lane.active + lane.waiting.length : 0;
  }

  async run<T>(storeId: string, work: () => Promise<T>): Promise<T> {
    let lane = this.#lanes.get(storeId);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      this.#lanes.set(storeId, lane);
    }
    if (lane.active < this.width) {
      lane.active++;
    } else {
      const waiting = lane.waiting;
      // The slot is handed over by the writer that finishes (active stays as it is).
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = lane.waiting.shift();
      if (next) {
        next();
      } else if (--lane.active === 0) {
        this.#lanes.delete(storeId);
      }
    }
  }
}
