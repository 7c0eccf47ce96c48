// Vitest global setup: once per run, (re)create the migrated template database that every
// test file copies with createTestDatabase().
import postgres from "postgres";
import { dropTemplate, prepareTemplate, testServerUrl } from "./src/test/database.ts";

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const url = testServerUrl();
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Test PostgreSQL ${redact(url)} is unreachable (${reason}). Run the tests with \`npm test\`, which finds or starts one, or set TEST_DATABASE_URL.`,
    );
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
  await prepareTemplate();
  return dropTemplate;
}
