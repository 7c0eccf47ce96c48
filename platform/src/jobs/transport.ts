// What the relay hands claimed outbox rows to, and what it gets back for each row.
export interface OutboxRow {
  id: string;
  tenantId: string | null;
  job: string;
  payload: unknown;
  /** Tries already made (in-process transport) before this delivery. */
  attempts: number;
}

/** What became of a row; the relay writes it back. A row with no outcome stays leased, then is retried. */
export type DeliveryOutcome =
  /** The handler ran and succeeded (in-process). Counts one attempt. */
  | { status: "done" }
  /** Handed to a queue that now owns retries (BullMQ). */
  | { status: "enqueued" }
  /** The handler failed; try again after `delayMs`. Counts one attempt. */
  | { status: "retry"; delayMs: number; error: string }
  /** Give up: bad payload, unknown job, or retries exhausted. Counts one attempt. */
  | { status: "failed"; error: string }
  /** The transport itself is unavailable (e.g. Redis down); try again later without counting an attempt. */
  | { status: "deferred"; delayMs: number; error: string };

export interface JobTransport {
  /**
   * How long claimed rows stay invisible to other relay passes. Must exceed one `deliver` call:
   * a relay that dies mid-delivery leaves its rows to be picked up again after this.
   */
  readonly leaseMs: number;
  deliver(rows: readonly OutboxRow[]): Promise<Map<string, DeliveryOutcome>>;
}
