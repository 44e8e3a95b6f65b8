import { randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { digestOf } from "../../../platform/files.ts";
import { storeFileFor } from "../../../platform/stored-files.ts";
import { type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";
import { eraseExpiredCases } from "./erase-expired-cases.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
});

/** A distinct screenshot each call, so no test shares a file by accident. */
const screenshot = () => Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), randomBytes(2048)]);

const onDisk = (digest: string) =>
  stat(path.join(ctx.config.dataDir, "files", "sha256", digest.slice(0, 2), digest)).then(
    () => true,
    () => false,
  );

function upload(who: Caller, caseId: number, bytes: Buffer) {
  return app.inject({
    method: "POST",
    url: `/api/cases/mine/${caseId}/files`,
    headers: {
      ...who.headers,
      "content-type": "application/octet-stream",
      "x-file-name": encodeURIComponent("评论区截图.png"),
      "accept-language": "zh-CN",
    },
    payload: bytes,
  });
}

async function closeAndExpire(caseId: number) {
  const res = await call(
    app,
    t.branchSecretary,
    "POST",
    `/api/cases/${caseId}/transitions/decline`,
    {
      outcome: "not_accepted",
      feedback: "不属于本组织受理范围，请向属地网信部门反映。",
    },
  );
  expect(res.statusCode).toBe(200);
  const row = await ctx.db.query<{ later: string }>(
    "SELECT (closed_on + 3650)::text AS later FROM cases WHERE id = $1",
    [caseId],
  );
  return row.rows[0]?.later ?? "";
}

/** A study material naming the same content: a row of another module. */
async function studyMaterialNaming(digest: string, db: Queryable = ctx.db) {
  await db.query(
    `INSERT INTO study_materials (org_id, org_path, kind, title, file_sha256, file_name, file_mime,
                                  file_size)
     VALUES ($1, $2::ltree, 'file', '网络行为规定解读', $3, '解读.png', 'image/png', 2056)`,
    [t.branch.id, t.branch.path, digest],
  );
}

describe("retention erasure of evidence files", () => {
  it("deletes a case's own files and keeps those another case or module still names", async () => {
    const erased = await fileAReport(app, t.filer);
    const other = await fileAReport(app, t.filer, {
      link: "https://weibo.com/u/7712345678/status/5011",
    });
    const own = screenshot();
    const sharedWithCase = screenshot();
    const sharedWithStudy = screenshot();
    for (const bytes of [own, sharedWithCase, sharedWithStudy]) {
      expect((await upload(t.filer, erased.id, bytes)).statusCode).toBe(200);
    }
    const kept = await upload(t.filer, other.id, sharedWithCase);
    expect(kept.statusCode).toBe(200);
    await studyMaterialNaming(digestOf(sharedWithStudy));

    expect(await eraseExpiredCases(ctx, await closeAndExpire(erased.id))).toBeGreaterThanOrEqual(1);

    expect(await onDisk(digestOf(own))).toBe(false);
    expect(await onDisk(digestOf(sharedWithCase))).toBe(true);
    expect(await onDisk(digestOf(sharedWithStudy))).toBe(true);
    const rows = await ctx.db.query(
      "SELECT count(*)::int AS n FROM case_files WHERE case_id = $1 AND sha256 IS NULL",
      [erased.id],
    );
    expect(rows.rows[0]?.n).toBe(3);
    // The other case's handler still opens the shared screenshot.
    const read = await call(
      app,
      t.branchSecretary,
      "GET",
      `/api/cases/${other.id}/files/${kept.json().id}`,
    );
    expect(read.statusCode).toBe(200);
    expect(Buffer.from(read.rawPayload).equals(sharedWithCase)).toBe(true);
    const audit = await ctx.db.query<{ after: { filesDeleted: number } }>(
      "SELECT after FROM audit_events WHERE action = 'case.erase' AND entity_id = $1",
      [String(erased.id)],
    );
    expect(audit.rows[0]?.after.filesDeleted).toBe(1);
  });

  it("waits for an upload of the same content in flight and then keeps the file", async () => {
    const erased = await fileAReport(app, t.filer);
    const bytes = screenshot();
    expect((await upload(t.filer, erased.id, bytes)).statusCode).toBe(200);
    const later = await closeAndExpire(erased.id);
    const uploader = await ctx.db.connect();
    try {
      await uploader.query("BEGIN");
      await storeFileFor(uploader, ctx.config.dataDir, bytes);
      let done = false;
      const erasing = eraseExpiredCases(ctx, later).then(() => {
        done = true;
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(done).toBe(false);
      await studyMaterialNaming(digestOf(bytes), uploader);
      await uploader.query("COMMIT");
      await erasing;
    } finally {
      uploader.release();
    }
    expect(await onDisk(digestOf(bytes))).toBe(true);
  });

  it("lists in stored_file_refs every column that names a stored file", async () => {
    const cols = await ctx.db.query<{ col: string }>(
      `SELECT c.table_name || '.' || c.column_name AS col
         FROM information_schema.columns c
         JOIN information_schema.tables tb
           ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
          AND c.column_name LIKE '%sha256%'
        ORDER BY 1`,
    );
    const view = await ctx.db.query<{ def: string }>(
      "SELECT pg_get_viewdef('stored_file_refs'::regclass) AS def",
    );
    const def = view.rows[0]?.def ?? "";
    // The regulation's raw text is kept in its row; its digest names no file.
    const fileColumns = cols.rows
      .map((r) => r.col)
      .filter((c) => c !== "regulation_versions.raw_sha256");
    expect(fileColumns.length).toBeGreaterThanOrEqual(4);
    for (const col of fileColumns) {
      expect(def, col).toContain(col);
    }
  });
});
