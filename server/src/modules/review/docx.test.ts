import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { call } from "../orgs/orgs.fixtures.ts";
import {
  fillAndSubmit,
  type ReviewTree,
  reviewTree,
  scheduleMeeting,
  selfReviewOf,
} from "./review.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let meeting: Awaited<ReturnType<typeof scheduleMeeting>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  meeting = await scheduleMeeting(app, t.branchSecretary, t.branch.id);
  await fillAndSubmit(app, t.liuCaller, selfReviewOf(meeting, t.liu.id), [2]);
  await call(app, t.branchSecretary, "POST", `/api/review/meetings/${meeting.id}/criticisms`, {
    fromMemberId: t.chen.id,
    toMemberId: t.liu.id,
    criticism: "网上发言有时不够严谨",
    response: "虚心接受",
  });
});

/** The visible text of a .docx: its paragraphs, joined by newlines. */
async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter((p) => p !== "")
    .join("\n");
}

describe("对照检查材料 .docx", () => {
  it("has the title, the four customary sections with the member's words, and signature lines", async () => {
    const id = selfReviewOf(meeting, t.liu.id);
    const res = await call(app, t.liuCaller, "GET", `/api/review/self-reviews/${id}/material.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    expect(res.headers["content-disposition"]).toContain(
      encodeURIComponent("刘红梅对照检查材料.docx"),
    );
    const text = await docxText(res.rawPayload);
    const lines = text.split("\n");
    expect(lines[0]).toBe("刘红梅同志对照检查材料");
    const order = [
      "一、基本情况",
      "二、存在问题",
      "三、原因分析",
      "四、整改措施",
      "本人签名：__________",
    ];
    const at = order.map((h) => lines.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain("本人一年来认真学习网络行为规定。");
    expect(text).toMatch(/逐条检查\d+项，其中符合\d+项，存在差距1项/);
    expect(text).toMatch(/1\. 对照第.+条：转发未经核实的消息/);
    expect(text).toContain("政治敏锐性不强");
    expect(text).toContain("转发前先核实来源");
    expect(lines.at(-1)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  });
});

describe("会议记录 .docx", () => {
  it("records attendance, each attendee's material, 相互批评 and the 整改清单", async () => {
    const res = await call(
      app,
      t.branchSecretary,
      "GET",
      `/api/review/meetings/${meeting.id}/record.docx`,
    );
    expect(res.statusCode).toBe(200);
    const text = await docxText(res.rawPayload);
    expect(text.split("\n")[0]).toBe(`${t.branch.name}组织生活会会议记录`);
    expect(text).toContain("会议时间：2025年1月10日");
    expect(text).toContain("应到5人，实到5人。");
    expect(text).toContain("刘红梅：对照检查材料已提交，存在差距1项");
    expect(text).toContain("陈晓明对刘红梅提出批评意见：网上发言有时不够严谨");
    expect(text).toContain("刘红梅回应：虚心接受");
    expect(text).toMatch(
      /1\. 刘红梅：第.+条：转发未经核实的消息；整改措施：转发前先核实来源；整改期限：2025年3月31日；整改中/,
    );
    expect(text).toContain("主持人签名：__________");
    const audit = await ctx.db.query(
      "SELECT 1 FROM audit_events WHERE action = 'review.meeting.export'",
    );
    expect(audit.rowCount).toBe(1);
  });

  it("is 404 to the sibling town and 403 to a member", async () => {
    const url = `/api/review/meetings/${meeting.id}/record.docx`;
    expect((await call(app, t.siblingSecretary, "GET", url)).statusCode).toBe(404);
    expect((await call(app, t.liuCaller, "GET", url)).statusCode).toBe(403);
  });
});
