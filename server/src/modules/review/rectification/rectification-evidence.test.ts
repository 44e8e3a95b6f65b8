import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import {
  fillAndSubmit,
  type ReviewTree,
  reviewTree,
  scheduleMeeting,
  selfReviewOf,
} from "../review.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let itemId: number;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("IHDR-not-really"),
]);

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  const meeting = await scheduleMeeting(app, t.branchSecretary, t.branch.id);
  await fillAndSubmit(app, t.liuCaller, selfReviewOf(meeting, t.liu.id));
  itemId = (await call(app, t.liuCaller, "GET", "/api/review/rectifications?mine=true")).json()
    .items[0].id;
});

function upload(
  who: Caller,
  bytes: Buffer,
  name = "整改报告.pdf",
  type = "application/octet-stream",
) {
  return app.inject({
    method: "POST",
    url: `/api/review/rectifications/${itemId}/evidence`,
    headers: {
      ...who.headers,
      "accept-language": "zh-CN",
      "content-type": type,
      "x-file-name": encodeURIComponent(name),
    },
    payload: bytes,
  });
}

describe("evidence files of a rectification item", () => {
  it("refuse a file name that is not valid percent-encoding with 400, not 500", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/review/rectifications/${itemId}/evidence`,
      headers: {
        ...t.liuCaller.headers,
        "content-type": "application/pdf",
        "x-file-name": "%E0%A4%A",
      },
      payload: PDF,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe("file");
  });

  it("are uploaded by the owner, listed with the item, and downloaded by those in scope", async () => {
    const before = await auditCount(ctx, "review.rectification.evidence_add");
    const res = await upload(t.liuCaller, PDF);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().evidenceFiles).toEqual([
      expect.objectContaining({
        fileName: "整改报告.pdf",
        mime: "application/pdf",
        size: PDF.length,
      }),
    ]);
    expect(await auditCount(ctx, "review.rectification.evidence_add")).toBe(before + 1);
    // Sent as the browser sends it, with the file's own type.
    const photo = await upload(t.branchSecretary, PNG, "截图.png", "image/png");
    expect(photo.json().evidenceFiles.map((f: { mime: string }) => f.mime)).toEqual([
      "application/pdf",
      "image/png",
    ]);

    const listed = (
      await call(app, t.discipline, "GET", "/api/review/rectifications?status=open")
    ).json().items;
    const item = listed.find((i: { id: number }) => i.id === itemId);
    expect(item.evidenceFiles).toHaveLength(2);
    const fileId = item.evidenceFiles[0].id;
    const url = `/api/review/rectifications/${itemId}/evidence/${fileId}`;
    const reads = await auditCount(ctx, "review.rectification.evidence_read");
    for (const who of [t.liuCaller, t.branchSecretary, t.discipline, t.secretary]) {
      const got = await call(app, who, "GET", url);
      expect(got.statusCode, got.body).toBe(200);
      expect(got.rawPayload.equals(PDF)).toBe(true);
      expect(got.headers["content-type"]).toContain("application/pdf");
      expect(got.headers["content-disposition"]).toContain(encodeURIComponent("整改报告.pdf"));
    }
    expect(await auditCount(ctx, "review.rectification.evidence_read")).toBe(reads + 4);
  });

  it("are hidden from a fellow member and the sibling town, and need a session", async () => {
    const fileId = (
      await ctx.db.query<{ id: string }>(
        "SELECT id FROM rectification_evidence_files WHERE rectification_id = $1 LIMIT 1",
        [itemId],
      )
    ).rows[0]?.id;
    const url = `/api/review/rectifications/${itemId}/evidence/${fileId}`;
    const before = await auditCount(ctx);
    expect((await call(app, anonymous, "GET", url)).statusCode).toBe(401);
    expect((await upload(anonymous, PDF)).statusCode).toBe(401);
    for (const who of [t.chenCaller, t.siblingSecretary, t.siblingDiscipline]) {
      expect((await call(app, who, "GET", url)).statusCode).toBe(404);
    }
    expect((await upload(t.chenCaller, PDF)).statusCode).toBe(404);
    expect((await upload(t.siblingSecretary, PDF)).statusCode).toBe(404);
    // The discipline officer reads the item but does not act on it.
    expect((await upload(t.discipline, PDF)).statusCode).toBe(404);
    // A user with no review permission at all is refused outright.
    expect((await upload(t.admin, PDF)).statusCode).toBe(403);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("are checked by their first bytes, not their name", async () => {
    const exe = await upload(t.liuCaller, Buffer.from("MZ\x90\x00 this is a program"), "a.pdf");
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error).toMatchObject({ field: "file" });
    const zip = await upload(t.liuCaller, Buffer.from("PK\x03\x04 xl/workbook.xml"), "a.docx");
    expect(zip.statusCode).toBe(400);
    const empty = await upload(t.liuCaller, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
  });

  it("can no longer be added once the item is done", async () => {
    await call(app, t.liuCaller, "POST", `/api/review/rectifications/${itemId}/complete`, {
      evidence: "已删除转发内容",
    });
    expect((await upload(t.liuCaller, PDF)).statusCode).toBe(409);
  });
});

describe("reassigning and moving an item", () => {
  it("tells the screen who may act, and puts a bad deadline on its field", async () => {
    const meeting = await scheduleMeeting(app, t.branchSecretary, t.branch.id, {
      topic: "第二次组织生活会",
    });
    await fillAndSubmit(app, t.chenCaller, selfReviewOf(meeting, t.chen.id));
    const mine = (await call(app, t.chenCaller, "GET", "/api/review/rectifications?mine=true"))
      .json()
      .items.find((i: { meetingId: number }) => i.meetingId === meeting.id);
    expect(mine.can).toEqual({ manage: false, complete: true, review: false });
    const seen = (await call(app, t.branchSecretary, "GET", "/api/review/rectifications"))
      .json()
      .items.find((i: { id: number }) => i.id === mine.id);
    expect(seen.can).toEqual({ manage: true, complete: true, review: false });
    const overseen = (await call(app, t.discipline, "GET", "/api/review/rectifications"))
      .json()
      .items.find((i: { id: number }) => i.id === mine.id);
    expect(overseen.can).toEqual({ manage: false, complete: false, review: false });

    const url = `/api/review/rectifications/${mine.id}`;
    const early = await call(app, t.branchSecretary, "PATCH", url, { dueOn: "2024-12-31" });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ field: "dueOn" });
    const stranger = await call(app, t.branchSecretary, "PATCH", url, { ownerMemberId: 999999 });
    expect(stranger.json().error).toMatchObject({ field: "ownerMemberId" });
    const moved = await call(app, t.branchSecretary, "PATCH", url, {
      ownerMemberId: t.liu.id,
      dueOn: "2025-06-30",
    });
    expect(moved.json()).toMatchObject({
      owner: { id: t.liu.id, name: "刘红梅" },
      dueOn: "2025-06-30",
    });
    // The new owner is told in the same transaction, with the new deadline and where to act.
    const inbox = (await call(app, t.liuCaller, "GET", "/api/notifications")).json();
    expect(
      inbox.items.find((n: { kind: string }) => n.kind === "review.rectification_assigned"),
    ).toMatchObject({
      title: "整改事项交由您负责：第三条：转发未经核实的消息",
      body: expect.stringContaining("期限：2025-06-30"),
      link: "/review/mine",
    });
  });
});
