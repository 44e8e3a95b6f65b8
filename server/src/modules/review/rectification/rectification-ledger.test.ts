import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember } from "../../../../test/factories.ts";
import { printWithLibreOffice } from "../../../../test/libreoffice.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree, scheduleMeeting } from "../review.fixtures.ts";
import { remindOverdue } from "./remind-overdue.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let meetingId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  meetingId = (await scheduleMeeting(app, t.branchSecretary, t.branch.id)).id;
});

const add = (body: Record<string, unknown>) =>
  call(app, t.branchSecretary, "POST", "/api/review/rectifications", {
    orgId: t.branch.id,
    source: "higher_feedback",
    ownerMemberId: t.liu.id,
    problem: "镇党委反馈：转发未经核实的信息，群内影响不好",
    measure: "学习规定第十三条，转发前核实来源，在支部会上作说明",
    dueOn: "2099-03-31",
    ...body,
  });

/** The messages a member's account received of a kind, newest last. */
async function messages(memberId: number, kind: string) {
  const result = await ctx.db.query<{ title: string; body: string }>(
    `SELECT n.title, n.body FROM notifications n JOIN users u ON u.id = n.user_id
      WHERE u.member_id = $1 AND n.kind = $2 ORDER BY n.id`,
    [memberId, kind],
  );
  return result.rows;
}

describe("adding an item by hand", () => {
  it("puts each bad field on its name and writes nothing", async () => {
    const before = await auditCount(ctx);
    const cases: [Record<string, unknown>, string][] = [
      [{ problem: " " }, "problem"],
      [{ dueOn: "2020-01-01" }, "dueOn"],
      [{ dueOn: "2099-02-30" }, "dueOn"],
      [{ source: "self_review" }, "source"],
      [{ source: "criticism" }, "meetingId"],
      [{ ownerMemberId: t.self.id + 100_000 }, "ownerMemberId"],
    ];
    for (const [body, field] of cases) {
      const res = await add(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, res.body).toBe(field);
    }
    const outsider = await buildMember(ctx.db, { org: t.otherBranch, name: "钱志刚" });
    expect((await add({ ownerMemberId: outsider.id })).json().error).toMatchObject({
      field: "ownerMemberId",
      message: expect.stringContaining("本组织的在册党员"),
    });
    expect(await auditCount(ctx)).toBe(before);
  });

  it("records 上级反馈 and 相互批评 items, each told to its owner", async () => {
    const feedback = await add({});
    expect(feedback.statusCode, feedback.body).toBe(201);
    expect(feedback.json()).toMatchObject({
      source: "higher_feedback",
      meetingId: null,
      orgId: t.branch.id,
      owner: { id: t.liu.id, name: "刘红梅" },
      status: "open",
      can: { manage: true, complete: true, review: false },
    });
    const criticism = await add({
      source: "criticism",
      meetingId,
      ownerMemberId: t.chen.id,
      problem: "相互批评：在工作群发表情绪化言论",
      measure: "注意网上言行，发言前三思",
    });
    expect(criticism.statusCode, criticism.body).toBe(201);
    expect(criticism.json()).toMatchObject({ source: "criticism", meetingId });
    expect(await messages(t.liu.id, "review.rectification_assigned")).toEqual([
      expect.objectContaining({ body: expect.stringContaining("问题来源：上级反馈") }),
    ]);
    expect(await messages(t.chen.id, "review.rectification_assigned")).toHaveLength(1);
  });
});

/** The 待销号 figure on the branch secretary's 工作台. */
async function toClose(): Promise<number> {
  const body = (await call(app, t.branchSecretary, "GET", "/api/workbench")).json();
  const branch = body.orgs.find((o: { orgId: number }) => o.orgId === t.branch.id);
  return branch.rectificationsToClose;
}

describe("done, returned, done again and 销号", () => {
  it("is reported by the owner, returned with a reason and closed by the secretary", async () => {
    const id = (await call(app, t.liuCaller, "GET", "/api/review/rectifications?mine=true")).json()
      .items[0].id as number;
    const at = (suffix: string) => `/api/review/rectifications/${id}${suffix}`;
    expect((await call(app, t.branchSecretary, "POST", at("/close"), {})).statusCode).toBe(409);
    const done = await call(app, t.liuCaller, "POST", at("/complete"), {
      evidence: "已在支部会上说明情况",
    });
    expect(done.json()).toMatchObject({ status: "done", can: { complete: false } });
    // The branch's secretary (赵德胜) is told, and his 工作台 shows the item waiting for 销号.
    expect(await messages(t.cadre.id, "review.rectification_done")).toEqual([
      {
        title: "整改事项待销号：镇党委反馈：转发未经核实的信息，群内影响不好",
        body: "刘红梅已报告整改完成：已在支部会上说明情况。请审核后销号或退回。",
      },
    ]);
    expect(await toClose()).toBe(1);
    const pending = await call(
      app,
      t.branchSecretary,
      "GET",
      "/api/review/rectifications?status=done",
    );
    expect(pending.json().items).toEqual([
      expect.objectContaining({ id, can: expect.objectContaining({ review: true }) }),
    ]);
    const bare = await call(app, t.branchSecretary, "POST", at("/return"), { comment: "" });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.field).toBe("comment");
    const returned = await call(app, t.branchSecretary, "POST", at("/return"), {
      comment: "请附上学习笔记",
    });
    expect(returned.json()).toMatchObject({
      status: "open",
      reviewComment: "请附上学习笔记",
      evidence: "已在支部会上说明情况",
      doneAt: null,
    });
    expect(await messages(t.liu.id, "review.rectification_returned")).toEqual([
      expect.objectContaining({ body: expect.stringContaining("请附上学习笔记") }),
    ]);
    await call(app, t.liuCaller, "POST", at("/complete"), { evidence: "学习笔记已交支部" });
    expect(await messages(t.cadre.id, "review.rectification_done")).toHaveLength(2);
    const before = await auditCount(ctx, "review.rectification.close");
    const closed = await call(app, t.branchSecretary, "POST", at("/close"), {
      comment: "同意销号",
    });
    expect(closed.json()).toMatchObject({ status: "closed", can: { review: false } });
    expect(closed.json().closedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await toClose()).toBe(0);
    expect(await auditCount(ctx, "review.rectification.close")).toBe(before + 1);
    const again = await call(app, t.liuCaller, "POST", at("/complete"), { evidence: "再次" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain("已销号");
  });

  it("reminds the owner of an item added by hand once it is overdue", async () => {
    await ctx.db.query(
      "UPDATE rectification_items SET due_on = '2025-01-01' WHERE owner_member_id = $1",
      [t.chen.id],
    );
    expect(await remindOverdue(ctx)).toBe(1);
    expect(await messages(t.chen.id, "review.rectification_overdue")).toHaveLength(1);
  });
});

describe("整改台账", () => {
  it("prints with a title, borders and every column on one A4 page width", async () => {
    const sibling = await call(
      app,
      t.siblingSecretary,
      "GET",
      `/api/review/rectifications/ledger.xlsx?orgId=${t.branch.id}`,
    );
    expect(sibling.statusCode).toBe(404);
    expect(
      (await call(app, t.branchSecretary, "GET", "/api/review/rectifications/ledger.xlsx"))
        .statusCode,
    ).toBe(400);
    const res = await call(
      app,
      t.branchSecretary,
      "GET",
      `/api/review/rectifications/ledger.xlsx?orgId=${t.branch.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain("整改台账");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1 });
    expect(sheet.getRow(4).getCell(10).border?.right?.style).toBe("thin");
    const printed = await printWithLibreOffice(res.rawPayload, "xlsx");
    expect(printed.pages).toBe(1);
    const text = printed.text.replace(/\s+/g, "");
    expect(text).toContain(`${t.branch.name}整改台账`);
    expect(text).toContain("共2项：整改中1项（其中逾期1项），待销号0项，已销号1项");
    for (const h of [
      "序号",
      "问题来源",
      "存在问题",
      "整改措施",
      "责任人",
      "完成情况",
      "销号日期",
    ]) {
      expect(text).toContain(h);
    }
    expect(text).toContain("上级反馈");
    expect(text).toContain("2024年度组织生活会");
    expect(text).toContain("已销号");
    expect(text).toContain("已逾期");
  }, 120_000);
});

describe("reported done by the secretary", () => {
  it("tells no one when the secretary reports an item done for its owner", async () => {
    const chenItem = (
      await call(app, t.chenCaller, "GET", "/api/review/rectifications?mine=true")
    ).json().items[0].id as number;
    const before = await messages(t.cadre.id, "review.rectification_done");
    const done = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/review/rectifications/${chenItem}/complete`,
      {
        evidence: "已当面谈话提醒",
      },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(await messages(t.cadre.id, "review.rectification_done")).toEqual(before);
    expect(await toClose()).toBe(1);
  });
});
