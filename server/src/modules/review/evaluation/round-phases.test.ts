import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember } from "../../../../test/factories.ts";
import { printWithLibreOffice } from "../../../../test/libreoffice.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree } from "../review.fixtures.ts";
import {
  decryptAs,
  type KeyedRound,
  openKeyedRound,
  sealedVote,
  vote,
} from "./evaluation.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let round: KeyedRound;
const url = (suffix = "") => `/api/review/rounds/${round.roundId}${suffix}`;
const member = (detail: { members: { memberId: number }[] }, id: number) =>
  detail.members.find((m) => m.memberId === id) as Record<string, unknown>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  // 周海燕 is a full member without an account: she counts as expected and cannot vote here.
  await buildMember(ctx.db, { org: t.branch, name: "周海燕" });
  round = await openKeyedRound(app, t, 2025);
});

describe("opening a round with its timetable", () => {
  it("keeps the three steps in order, naming the field that is out of place", async () => {
    const open = (dates: Record<string, string>) =>
      call(app, t.branchSecretary, "POST", "/api/review/rounds", {
        orgId: t.branch.id,
        year: 2030,
        ...dates,
      });
    const early = await open({
      summaryDue: "2030-12-10",
      voteDue: "2030-12-05",
      decideDue: "2030-12-20",
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({
      field: "voteDue",
      message: expect.stringContaining("投票截止日期不能早于个人总结截止日期"),
    });
    const partial = await open({ summaryDue: "2030-12-10" });
    expect(partial.json().error.field).toBe("voteDue");
    const bad = await open({ summaryDue: "2030-02-30", voteDue: "x", decideDue: "" });
    expect(bad.statusCode).toBe(400);
    const ok = await open({
      summaryDue: "2030-12-10",
      voteDue: "2030-12-15",
      decideDue: "2030-12-20",
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      phase: "summary",
      phaseDates: { summaryDue: "2030-12-10", voteDue: "2030-12-15", decideDue: "2030-12-20" },
      turnout: { expected: 5, voted: 0, withoutAccount: 1 },
    });
  });
});

describe("turnout and withheld counts", () => {
  it("shows voted of expected while open, naming no one", async () => {
    const ballots: [typeof t.member, number, number][] = [
      [t.member, t.self.id, t.liu.id],
      [t.chenCaller, t.chen.id, t.liu.id],
      [t.branchSecretary, t.cadre.id, t.liu.id],
      [t.liuCaller, t.liu.id, t.chen.id],
    ];
    for (const [who, voter, subject] of ballots) {
      const res = await vote(app, who, round, sealedVote(round, voter, subject, "competent"));
      expect(res.statusCode, res.body).toBe(200);
    }
    const seen = (await call(app, t.liuCaller, "GET", url())).json();
    expect(seen).toMatchObject({
      phase: "voting",
      turnout: { expected: 5, voted: 4, withoutAccount: 1 },
    });
    expect(member(seen, t.liu.id)).toMatchObject({ ballots: null, tally: null });
  });

  it("decrypts only members with three ballots or more; the others show their number alone", async () => {
    const closed = await call(app, t.branchSecretary, "POST", url("/close"));
    expect(closed.statusCode, closed.body).toBe(200);
    const tallied = new Set(
      closed.json().encryptedTallies.map((x: { memberId: number }) => x.memberId),
    );
    expect([...tallied]).toEqual([t.liu.id]);
    for (const trustee of round.trustees) {
      expect((await decryptAs(app, round, trustee)).statusCode).toBe(200);
    }
    const org = (await call(app, t.branchSecretary, "GET", url())).json();
    expect(org).toMatchObject({ counted: true, phase: "deciding" });
    expect(member(org, t.liu.id)).toMatchObject({
      ballots: 3,
      withheld: false,
      tally: { excellent: 0, competent: 3, basically_competent: 0, incompetent: 0 },
    });
    expect(member(org, t.chen.id)).toMatchObject({ ballots: 1, withheld: true, tally: null });
    expect(member(org, t.self.id)).toMatchObject({ ballots: 0, withheld: false, tally: null });
    const counts = await ctx.db.query(
      "SELECT 1 FROM evaluation_encrypted_tallies WHERE round_id = $1 AND subject_member_id = $2",
      [round.roundId, t.chen.id],
    );
    expect(counts.rowCount).toBe(0);
  });
});

describe("其余评为合格", () => {
  const rest = (who: typeof t.member, body: unknown) =>
    call(app, who, "POST", url("/decisions/rest"), body);

  it("is the secretary's, in their own subtree, with a grade other than 不合格", async () => {
    const body = { grade: "competent", expected: 5 };
    expect((await rest(anonymous, body)).statusCode).toBe(401);
    expect((await rest(t.member, body)).statusCode).toBe(403);
    expect((await rest(t.siblingSecretary, body)).statusCode).toBe(404);
    const incompetent = await rest(t.branchSecretary, { grade: "incompetent", expected: 5 });
    expect(incompetent.statusCode).toBe(400);
    expect(incompetent.json().error.field).toBe("grade");
    expect((await rest(t.branchSecretary, { grade: "competent" })).statusCode).toBe(400);
  });

  it("keeps the decisions made one by one and refuses a stale count", async () => {
    const reasonless = await call(app, t.branchSecretary, "POST", url("/decisions"), {
      memberId: t.chen.id,
      grade: "incompetent",
    });
    expect(reasonless.statusCode).toBe(400);
    expect(reasonless.json().error.field).toBe("reason");
    const one = await call(app, t.branchSecretary, "POST", url("/decisions"), {
      memberId: t.liu.id,
      grade: "excellent",
    });
    expect(one.statusCode, one.body).toBe(200);
    const stale = await rest(t.branchSecretary, { grade: "competent", expected: 6 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain("未评定的党员现为5名");
    const before = await auditCount(ctx, "evaluation.decide_rest");
    const done = await rest(t.branchSecretary, { grade: "competent", expected: 5 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ phase: "done", decided: 6, subjects: 6 });
    expect(member(done.json(), t.liu.id)).toMatchObject({ finalGrade: "excellent" });
    expect(member(done.json(), t.chen.id)).toMatchObject({ finalGrade: "competent" });
    expect(await auditCount(ctx, "evaluation.decide_rest")).toBe(before + 1);
  });
});

describe("the results sheet", () => {
  it("has a title, 应到/实到, the account gap and withheld counts, and prints on one page width", async () => {
    expect((await call(app, t.siblingSecretary, "GET", url("/results.xlsx"))).statusCode).toBe(404);
    const res = await call(app, t.branchSecretary, "GET", url("/results.xlsx"));
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    const header = sheet.getRow(5);
    expect(header.getCell(2).value).toBe("姓名");
    expect(header.getCell(1).border?.top?.style).toBe("thin");
    const printed = await printWithLibreOffice(res.rawPayload, "xlsx");
    expect(printed.pages).toBe(1);
    const text = printed.text.replace(/\s+/g, "");
    expect(text).toContain(`${t.branch.name}2025年度民主评议党员结果`);
    expect(text).toContain("应到（有表决权的正式党员）5名，实到（参加投票）4名");
    expect(text).toContain("其中1名未开通账号");
    expect(text).toContain("陈晓明");
    expect(text).toContain("不公布");
    for (const h of ["序号", "姓名", "自评等次", "得票数", "基本合格", "评定等次", "理由"]) {
      expect(text).toContain(h);
    }
  }, 120_000);
});

describe("the results record (.docx)", () => {
  it("reads as a 公文 with 应到/实到, the ballots with small counts withheld, and the grades", async () => {
    const failed = await call(app, t.branchSecretary, "POST", url("/decisions"), {
      memberId: t.chen.id,
      grade: "incompetent",
      reason: "多次在工作群转发未经核实的信息，经教育仍不改正。",
    });
    expect(failed.statusCode, failed.body).toBe(200);
    expect((await call(app, t.siblingSecretary, "GET", url("/results.docx"))).statusCode).toBe(404);
    expect((await call(app, t.liuCaller, "GET", url("/results.docx"))).statusCode).toBe(404);
    const before = await auditCount(ctx, "evaluation.export");
    const res = await call(app, t.branchSecretary, "GET", url("/results.docx"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain(
      `${t.branch.name}2025年度民主评议党员结果.docx`,
    );
    expect(await auditCount(ctx, "evaluation.export")).toBe(before + 1);
    const xml = await (await JSZip.loadAsync(res.rawPayload))
      .file("word/document.xml")
      ?.async("string");
    // The header row repeats on each page and rows do not break across pages.
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toContain("<w:cantSplit/>");
    const printed = await printWithLibreOffice(res.rawPayload, "docx");
    const text = printed.text.replace(/\s+/g, "");
    expect(text).toContain(`${t.branch.name}2025年度民主评议党员结果`);
    expect(text).toContain("参评党员6名，其中正式党员5名、预备党员1名");
    expect(text).toContain(
      "应到（有表决权的正式党员）5名，实到（参加投票）4名；未投票1名，其中1名未开通账号",
    );
    expect(text).toContain("由计票人赵德胜、陈晓明共同解密");
    expect(text).toContain("共收到选票4张。得票少于3张的党员只列得票数，不公布各等次票数");
    for (const h of ["序号", "姓名", "得票数", "优秀", "合格", "基本合格", "不合格"]) {
      expect(text).toContain(h);
    }
    // 刘红梅's three ballots are counted; 陈晓明's single ballot shows its number only.
    expect(text).toContain("刘红梅30300");
    expect(text).toContain("陈晓明1不公布不公布不公布不公布");
    expect(text).toContain("优秀1名（刘红梅），合格4名，基本合格0名，不合格1名（陈晓明）。");
    expect(text).toContain(
      "陈晓明评定为不合格，理由：多次在工作群转发未经核实的信息，经教育仍不改正。",
    );
    expect(text).not.toContain("。。");
    expect(text).toContain("（盖章）");
  }, 120_000);
});
