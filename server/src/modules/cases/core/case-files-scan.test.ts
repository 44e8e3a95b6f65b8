import { createHash } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { EICAR, startFakeClamd } from "../../../../test/fake-clamd.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, type Caller } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
let clamd: Awaited<ReturnType<typeof startFakeClamd>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  clamd = await startFakeClamd();
  // This file's uploads land in a folder of their own, so "nothing stored" can be checked.
  ctx.config.dataDir = mkdtempSync(path.join(tmpdir(), "case-files-"));
  ctx.config.clamdSocket = clamd.address;
});
afterAll(() => clamd.close());

/** A screenshot as the filer's phone saves it, with `extra` inside the image data. */
const screenshot = (extra: Buffer) =>
  Buffer.concat([
    Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"),
    Buffer.alloc(64, 3),
    extra,
  ]);

function upload(who: Caller, url: string, bytes: Buffer) {
  return app.inject({
    method: "POST",
    url,
    headers: {
      ...who.headers,
      "content-type": "application/octet-stream",
      "x-file-name": encodeURIComponent("评论区截图.png"),
      "accept-language": "zh-CN",
    },
    payload: bytes,
  });
}

const stored = (bytes: Buffer) => {
  const digest = createHash("sha256").update(bytes).digest("hex");
  return existsSync(path.join(ctx.config.dataDir, "files", "sha256", digest.slice(0, 2), digest));
};

async function filesOf(caseId: number) {
  const rows = await ctx.db.query("SELECT id FROM case_files WHERE case_id = $1", [caseId]);
  return rows.rowCount;
}

describe("evidence passes the virus scan before it is stored", () => {
  it("refuses an infected screenshot from the filer, stores nothing and records the refusal", async () => {
    const r = await fileAReport(app, t.filer);
    const infected = screenshot(EICAR);
    const before = await auditCount(ctx, "case.file_infected");
    const res = await upload(t.filer, `/api/cases/mine/${r.id}/files`, infected);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "infected", field: "file" });
    expect(res.json().error.message).toContain("未通过病毒检查");
    expect(stored(infected)).toBe(false);
    expect(await filesOf(r.id)).toBe(0);
    expect(await auditCount(ctx, "case.file_infected")).toBe(before + 1);

    const clean = screenshot(Buffer.from("评论区截图"));
    const ok = await upload(t.filer, `/api/cases/mine/${r.id}/files`, clean);
    expect(ok.statusCode).toBe(200);
    expect(stored(clean)).toBe(true);
    expect(await filesOf(r.id)).toBe(1);
  });

  it("scans what a handler uploads too", async () => {
    const r = await fileAReport(app, t.filer);
    const infected = screenshot(Buffer.concat([Buffer.from("handler"), EICAR]));
    const res = await upload(t.branchSecretary, `/api/cases/${r.id}/files`, infected);
    expect(res.statusCode).toBe(400);
    expect(stored(infected)).toBe(false);
    expect(await filesOf(r.id)).toBe(0);
  });

  it("answers 503 and stores nothing while the scanner cannot answer", async () => {
    const r = await fileAReport(app, t.filer);
    clamd.setMode("error");
    const clean = screenshot(Buffer.from("扫描服务故障时的截图"));
    const res = await upload(t.filer, `/api/cases/mine/${r.id}/files`, clean);
    clamd.setMode("clamd");
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toContain("暂时无法完成病毒检查");
    expect(stored(clean)).toBe(false);
    expect(await filesOf(r.id)).toBe(0);
  });
});
