// The queue UI (bull-board) as a Hono sub-app. It can retry and delete jobs and shows payloads,
// so the caller mounts it at `basePath` behind platform-admin auth.
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Queue } from "bullmq";
import type { Hono } from "hono";

/** `app.route(basePath, createQueueDashboard(queues, basePath))`: the UI links its assets under basePath. */
export function createQueueDashboard(queues: readonly Queue[], basePath: string): Hono {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: "Mallwright jobs" } },
  });
  return serverAdapter.registerPlugin();
}
