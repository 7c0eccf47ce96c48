// The queue UI (bull-board) as a Hono sub-app. It can retry and delete jobs and shows payloads,
// so the caller mounts it at `basePath` behind platform-admin auth.
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import type { IServerAdapter } from "@bull-board/api/typings/app";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Queue } from "bullmq";
import type { Hono } from "hono";

/** `app.route(basePath, createQueueDashboard(queues, basePath))`: the UI links its assets under basePath. */
export function createQueueDashboard(queues: readonly Queue[], basePath: string): Hono {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    // @bull-board/hono 9.10.1 pins its own @bull-board/api 9.10.1 (we have 9.10.2): same shape,
    // distinct class declarations. Drop the cast once both resolve to one copy.
    serverAdapter: serverAdapter as IServerAdapter,
    options: { uiConfig: { boardTitle: "Mallwright jobs" } },
  });
  return serverAdapter.registerPlugin();
}
