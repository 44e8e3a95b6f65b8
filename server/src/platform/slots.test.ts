import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Slots } from "./slots.ts";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("slots", () => {
  it("never runs more than its size at once, runs every piece, and in the order they came", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ steps: fc.integer({ min: 0, max: 3 }), fails: fc.boolean() }), {
          maxLength: 12,
        }),
        async (size, pieces) => {
          const slots = new Slots(size);
          let running = 0;
          let most = 0;
          const started: number[] = [];
          const waited: number[] = [];
          const outcomes = await Promise.allSettled(
            pieces.map((p, i) =>
              slots.run(
                async () => {
                  started.push(i);
                  running += 1;
                  most = Math.max(most, running);
                  for (let s = 0; s < p.steps; s++) await tick();
                  running -= 1;
                  if (p.fails) throw new Error(`第 ${i} 项失败`);
                  return i;
                },
                () => waited.push(i),
              ),
            ),
          );
          expect(most).toBeLessThanOrEqual(size);
          expect(started).toEqual(pieces.map((_, i) => i));
          expect(waited).toEqual(pieces.map((_, i) => i).filter((i) => i >= size));
          outcomes.forEach((o, i) => {
            expect(o.status).toBe(pieces[i]?.fails ? "rejected" : "fulfilled");
          });
          // A slot freed by a failure is free again: the next piece starts at once.
          const after: number[] = [];
          await slots.run(
            async () => 0,
            () => after.push(1),
          );
          expect(after).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
