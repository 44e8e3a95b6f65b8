import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { call } from "../orgs/orgs.fixtures.ts";
import {
  callPut,
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
  meeting = await scheduleMeeting(app, t.branchSecretary, t.branch.id, {
    host: "赵德胜",
    recorder: "陈晓明",
    observers: "镇党委组织委员王建华",
    startsAt: "14:30",
    endsAt: "16:45",
  });
  await fillAndSubmit(app, t.liuCaller, selfReviewOf(meeting, t.liu.id), [2]);
  await call(app, t.branchSecretary, "POST", `/api/review/meetings/${meeting.id}/criticisms`, {
    fromMemberId: t.chen.id,
    toMemberId: t.liu.id,
    criticism: "网上发言有时不够严谨",
    response: "虚心接受。",
  });
  await call(app, t.branchSecretary, "PATCH", `/api/review/meetings/${meeting.id}`, {
    minutes: "一、支部书记通报情况。\n二、党员逐一对照检查发言。",
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

  it("marks a material nobody filled in as a draft and says what it lacks, never 「未发现明显差距」", async () => {
    const id = selfReviewOf(meeting, t.chen.id);
    const res = await call(
      app,
      t.branchSecretary,
      "GET",
      `/api/review/self-reviews/${id}/material.docx`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(
      encodeURIComponent("陈晓明对照检查材料（草稿）.docx"),
    );
    const text = await docxText(res.rawPayload);
    expect(text.split("\n")[0]).toBe("陈晓明同志对照检查材料（草稿·未提交）");
    expect(text).toMatch(
      /【草稿】本材料未提交，不作为正式对照检查材料。尚缺：基本情况未填写；\d+项未作答。/,
    );
    expect(text).toMatch(/其中符合0项，存在差距0项，未作答\d+项。/);
    expect(text).not.toContain("未发现明显差距");
    expect(text).toContain("日期：____年__月__日");
  });

  it("has black headings, not Word's blue, and keeps the signature lines together", async () => {
    const id = selfReviewOf(meeting, t.liu.id);
    const res = await call(app, t.liuCaller, "GET", `/api/review/self-reviews/${id}/material.docx`);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    for (const id of ["Title", "Heading1"]) {
      const style = styles.match(
        new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`),
      )?.[0];
      expect(style, id).toContain('<w:color w:val="000000"/>');
    }
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const signature = xml.split("</w:p>").find((p) => p.includes("本人签名"));
    expect(signature).toContain("<w:keepNext/>");
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
    expect(text).toContain("会议时间：2025年1月10日 14:30—16:45");
    expect(text).toContain("主持人：赵德胜；记录人：陈晓明。");
    expect(text).toContain("应到5人（正式党员4人、预备党员1人，其中党员干部1人），实到0人。");
    expect(text).toContain("出席人员：无。");
    expect(text).toMatch(/未登记出席情况：(?:[^、。]+、){4}[^、。]+。/);
    expect(text).toContain("列席人员：镇党委组织委员王建华。");
    expect(text).toContain("（一）支部书记通报情况。");
    expect(text).toContain("（二）党员逐一对照检查发言。");
    expect(text).not.toMatch(/。；|；。|。。/);
    expect(text).toContain("刘红梅：对照检查材料已提交，存在差距1项");
    expect(text).toContain("陈晓明对刘红梅提出批评意见：网上发言有时不够严谨");
    expect(text).toContain("刘红梅回应：虚心接受。");
    expect(text).toMatch(
      /1\. 刘红梅：第.+条：转发未经核实的消息；整改措施：转发前先核实来源；整改期限：2025年3月31日；整改中/,
    );
    expect(text).toContain("主持人签名：__________");
    const audit = await ctx.db.query(
      "SELECT org_path::text AS path FROM audit_events WHERE action = 'review.meeting.export'",
    );
    // The branch's own path, so the county's auditor sees the export in their subtree.
    expect(audit.rows).toEqual([{ path: t.branch.path }]);
  });

  it("names who attended and who was absent once attendance is recorded", async () => {
    const attendance = meeting.attendees.map((a) =>
      a.memberId === t.chen.id
        ? { memberId: a.memberId, present: false, absenceReason: "外出务工，已书面请假。" }
        : { memberId: a.memberId, present: true },
    );
    const saved = await callPut(
      app,
      t.branchSecretary,
      `/api/review/meetings/${meeting.id}/attendance`,
      {
        entries: attendance,
      },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await call(
      app,
      t.branchSecretary,
      "GET",
      `/api/review/meetings/${meeting.id}/record.docx`,
    );
    const text = await docxText(res.rawPayload);
    expect(text).toContain("实到4人。");
    expect(text).toMatch(/出席人员：(?!.*陈晓明)(?=.*刘红梅)(?=.*赵德胜)[^。]+。/);
    expect(text).toContain("缺席人员及原因：陈晓明（外出务工，已书面请假）。");
    expect(text).not.toContain("未登记出席情况");
  });

  it("is 404 to the sibling town and 403 to a member", async () => {
    const url = `/api/review/meetings/${meeting.id}/record.docx`;
    expect((await call(app, t.siblingSecretary, "GET", url)).statusCode).toBe(404);
    expect((await call(app, t.liuCaller, "GET", url)).statusCode).toBe(403);
  });
});
