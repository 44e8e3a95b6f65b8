import { afterEach, describe, expect, it, vi } from "vitest";
import { allAcceptedOf } from "./contributions.api";

afterEach(() => vi.unstubAllGlobals());

describe("allAcceptedOf", () => {
  it("follows the cursor until the last page, so a proposal can cite the 21st work", async () => {
    const work = (id: number) => ({ id, title: `作品${id}` });
    const pages: Record<string, { items: unknown[]; nextCursor: string | null }> = {
      "": { items: Array.from({ length: 20 }, (_, i) => work(i + 1)), nextCursor: "c20" },
      c20: { items: [work(21)], nextCursor: null },
    };
    const asked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: string | URL) => {
        const url = new URL(String(input), "http://127.0.0.1");
        asked.push(url.search);
        const body = pages[url.searchParams.get("after") ?? ""];
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      }),
    );
    const works = await allAcceptedOf(7);
    expect(works.map((w) => w.id)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(asked).toHaveLength(2);
    expect(asked.every((q) => q.includes("memberId=7") && q.includes("state=accepted"))).toBe(true);
  });
});
