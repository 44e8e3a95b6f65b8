import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Coalescer } from "./coalescer.ts";

interface Item {
  n: number;
  key: number;
  bad: boolean;
}

/** A run that answers n × 10 per item after a tick, and throws when any item in it is bad. */
function recorder(parallel: number, maxBatch: number) {
  const batches: Item[][] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const coalescer = new Coalescer<Item, number>({
    run: async (items) => {
      batches.push(items);
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      if (items.some((i) => i.bad)) throw new Error(`bad item in ${items.length}`);
      return items.map((i) => i.n * 10);
    },
    key: (i) => i.key,
    maxBatch,
    parallel,
  });
  return { coalescer, batches, mostInFlight: () => mostInFlight };
}

describe("Coalescer", () => {
  it("sends an item alone and at once when nothing is in flight", async () => {
    const { coalescer, batches } = recorder(2, 8);
    expect(await coalescer.submit({ n: 1, key: 1, bad: false })).toBe(10);
    expect(batches).toEqual([[{ n: 1, key: 1, bad: false }]]);
  });

  it("puts what arrives while batches are in flight into one batch", async () => {
    const { coalescer, batches } = recorder(1, 64);
    const items = Array.from({ length: 20 }, (_, n) => ({ n, key: n, bad: false }));
    const out = await Promise.all(items.map((i) => coalescer.submit(i)));
    expect(out).toEqual(items.map((i) => i.n * 10));
    expect(batches.map((b) => b.length)).toEqual([1, 19]);
  });

  it("answers each item its own, never shares a key in a batch, and fails only the bad items", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 6 }), bad: fc.boolean() }), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 9 }),
        async (drawn, parallel, maxBatch) => {
          const { coalescer, batches, mostInFlight } = recorder(parallel, maxBatch);
          const items = drawn.map((d, n) => ({ n, ...d }));
          const settled = await Promise.allSettled(items.map((i) => coalescer.submit(i)));
          settled.forEach((s, n) => {
            const item = items[n] as Item;
            if (item.bad) expect(s.status).toBe("rejected");
            else expect(s).toEqual({ status: "fulfilled", value: item.n * 10 });
          });
          for (const batch of batches) {
            expect(batch.length).toBeLessThanOrEqual(maxBatch);
            expect(new Set(batch.map((i) => i.key)).size).toBe(batch.length);
          }
          expect(mostInFlight()).toBeLessThanOrEqual(parallel);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a run that answers fewer items than it was given", async () => {
    const coalescer = new Coalescer<number, number>({
      run: async (items) => items.slice(1),
      maxBatch: 8,
      parallel: 1,
    });
    await expect(coalescer.submit(1)).rejects.toThrow(/answered 0 of 1/);
  });
});
