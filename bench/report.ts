// Ratios to the baseline and the printed table of a benchmark run.

export interface CaseResult {
  name: string;
  request: string;
  requestsPerSec: number;
  totalRequests: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** The server process's CPU time (user + system) per request during the measured seconds, µs; null where unknown. */
  serverCpuUsPerRequest: number | null;
  /** PostgreSQL's CPU time (all its processes on this machine) per request during the same seconds, µs. */
  dbCpuUsPerRequest: number | null;
}

export interface ReportedCase extends CaseResult {
  /** This case's throughput as a share of the baseline's (1 = as fast as a bare JSON endpoint). */
  throughputVsBaseline: number;
  /** This case's p99 latency as a multiple of the baseline's. */
  p99VsBaseline: number;
  /** The baseline's server CPU per request over this case's (1 = as cheap for the server as a bare JSON endpoint). */
  serverCpuVsBaseline: number | null;
}

/** The first case is the baseline. */
export function summarize(results: CaseResult[]): ReportedCase[] {
  const base = results[0];
  if (!base) return [];
  return results.map((r) => ({
    ...r,
    throughputVsBaseline: r.requestsPerSec / base.requestsPerSec,
    p99VsBaseline: r.latencyMs.p99 / Math.max(base.latencyMs.p99, 1),
    serverCpuVsBaseline:
      r.serverCpuUsPerRequest && base.serverCpuUsPerRequest
        ? base.serverCpuUsPerRequest / r.serverCpuUsPerRequest
        : null,
  }));
}

export function printTable(cases: ReportedCase[]): void {
  const rows = [
    [
      "case",
      "req/s",
      "p50 ms",
      "p99 ms",
      "req/s vs base",
      "p99 vs base",
      "server µs/req",
      "cpu vs base",
      "db µs/req",
      "non-2xx",
    ],
    ...cases.map((c) => [
      c.name,
      Math.round(c.requestsPerSec).toLocaleString("en-US"),
      String(c.latencyMs.p50),
      String(c.latencyMs.p99),
      `${c.throughputVsBaseline.toFixed(3)}x`,
      `${c.p99VsBaseline.toFixed(1)}x`,
      c.serverCpuUsPerRequest === null ? "n/a" : c.serverCpuUsPerRequest.toFixed(1),
      c.serverCpuVsBaseline === null ? "n/a" : `${c.serverCpuVsBaseline.toFixed(3)}x`,
      c.dbCpuUsPerRequest === null ? "n/a" : c.dbCpuUsPerRequest.toFixed(1),
      String(c.non2xx + c.errors),
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  process.stdout.write(`\n${line(rows[0] ?? [])}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
  for (const r of rows.slice(1)) process.stdout.write(`${line(r)}\n`);
  process.stdout.write("\n");
}
