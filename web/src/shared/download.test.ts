import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./api";
import { fetchDownload, fileNameOf } from "./download";

afterEach(() => vi.unstubAllGlobals());

describe("fileNameOf", () => {
  it("prefers the UTF-8 name the server sends beside the ASCII one", () => {
    const header = `attachment; filename="roster-202612011830.xlsx"; filename*=UTF-8''${encodeURIComponent("党员名册-202612011830.xlsx")}`;
    expect(fileNameOf(header, "x")).toBe("党员名册-202612011830.xlsx");
  });
  it("falls back to the ASCII name, then to the given one", () => {
    expect(fileNameOf(`attachment; filename="ledger.xlsx"; filename*=UTF-8''%E0%A4`, "x")).toBe(
      "ledger.xlsx",
    );
    expect(fileNameOf(null, "oversight.xlsx")).toBe("oversight.xlsx");
  });
});

/** A response whose body arrives in the given chunks, as a slow export's would. */
function streamed(chunks: string[], headers: Record<string, string>) {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  return new Response(
    new ReadableStream({
      start(controller) {
        for (const b of bytes) controller.enqueue(b);
        controller.close();
      },
    }),
    { status: 200, headers },
  );
}

describe("fetchDownload", () => {
  it("reports the bytes received as they arrive and keeps the server's file name", async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      streamed(["第一段", "第二段数据", "尾"], {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="oversight.xlsx"; filename*=UTF-8''${encodeURIComponent("组织生活督导-2026.xlsx")}`,
      }),
    );
    vi.stubGlobal("fetch", fetch);
    const seen: number[] = [];
    const { blob, name } = await fetchDownload("/api/review/oversight.xlsx?year=2026", (n) =>
      seen.push(n),
    );
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/review/oversight.xlsx?year=2026");
    expect(name).toBe("组织生活督导-2026.xlsx");
    expect(seen).toEqual([9, 24, 27]);
    expect(blob.size).toBe(27);
  });

  it("throws the server's refusal as an ApiError instead of saving it", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ error: { code: "forbidden", message: "无权导出该组织的名册" } }),
            { status: 403, headers: { "content-type": "application/json" } },
          ),
      ),
    );
    const failed = fetchDownload("/api/roster/export", () => {}).catch((e: unknown) => e);
    const error = await failed;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("无权导出该组织的名册");
  });
});
