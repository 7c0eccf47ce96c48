import { describe, expect, it } from "vitest";
import { StoreLanes } from "./store-lanes.ts";

function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe("StoreLanes", () => {
  it("runs at most `width` writes of one store at once, the rest in order of arrival", async () => {
    const lanes = new StoreLanes(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      lanes.run("a", async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(lanes.load("a")).toBe(5);
    gates[1]?.open();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(lanes.load("a")).toBe(0);
  });

  it("never makes one store wait for another", async () => {
    const lanes = new StoreLanes(1);
    const held = gate();
    const a = lanes.run("a", () => held.opened);
    let bRan = false;
    await lanes.run("b", async () => {
      bRan = true;
    });
    expect(bRan).toBe(true);
    expect(lanes.load("a")).toBe(1);
    held.open();
    await a;
  });

  it("passes the slot on when a write fails, and the failure to its caller", async () => {
    const lanes = new StoreLanes(1);
    const failing = lanes.run("a", async () => {
      throw new Error("refused");
    });
    const next = lanes.run("a", async () => "ran");
    await expect(failing).rejects.toThrow("refused");
    expect(await next).toBe("ran");
    expect(lanes.load("a")).toBe(0);
  });

  it("refuses a width below one", () => {
    expect(() => new StoreLanes(0)).toThrow(/width/);
  });
});
