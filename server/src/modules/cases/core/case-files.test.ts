import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
});

function upload(who: Caller, url: string, bytes: Buffer, name = "评论区截图.png") {
  return app.inject({
    method: "POST",
    url,
    headers: {
      ...who.headers,
      "content-type": "application/octet-stream",
      "x-file-name": encodeURIComponent(name),
      "accept-language": "zh-CN",
    },
    payload: bytes,
  });
}

const png = (size: number) =>
  Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(size - 8, 1)]);

/** A Windows program: "MZ", the pointer at 0x3C, "PE\0\0" where it points. */
function program(): Buffer {
  const pe = Buffer.alloc(0x80);
  pe.write("MZ", 0, "latin1");
  pe.writeUInt32LE(0x40, 0x3c);
  pe.write("PE\0\0", 0x40, "latin1");
  return pe;
}

async function filesOf(caseId: number) {
  return (await ctx.db.query("SELECT 1 FROM case_files WHERE case_id = $1", [caseId])).rowCount;
}

describe("evidence a filer uploads", () => {
  it("refuses a file over 10 MB, a program named .png, and a name with a direction override", async () => {
    const r = await fileAReport(app, t.filer);
    const url = `/api/cases/mine/${r.id}/files`;
    const big = await upload(t.filer, url, png(10 * 1024 * 1024 + 1));
    expect([400, 413]).toContain(big.statusCode);
    expect(big.json().error.message).toMatch(/10 MB|过大|超过/);
    const disguised = await upload(t.filer, url, program(), "截图.png");
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().error.field).toBe("file");
    expect(disguised.json().error.message).toContain("只接受");
    const bidi = await upload(t.filer, url, png(200), "截图\u202egnp.exe");
    expect(bidi.statusCode).toBe(400);
    expect(await filesOf(r.id)).toBe(0);
    expect((await upload(t.filer, url, png(200))).statusCode).toBe(200);
    expect(await filesOf(r.id)).toBe(1);
  });

  it("refuses any upload or message once the case is closed", async () => {
    const r = await fileAReport(app, t.filer);
    await call(app, t.branchSecretary, "POST", `/api/cases/${r.id}/transitions/decline`, {
      outcome: "not_accepted",
      feedback: "不属于本组织受理范围，请向属地网信部门反映。",
    });
    const late = await upload(t.filer, `/api/cases/mine/${r.id}/files`, png(300));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain("已办结");
    const handler = await upload(t.branchSecretary, `/api/cases/${r.id}/files`, png(300));
    expect(handler.statusCode).toBe(409);
    expect(await filesOf(r.id)).toBe(0);
  });
});
