import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";
import {
  ALLEGATION,
  aFinding,
  CONDUCT_ON,
  FACTS,
  FINDING,
  INTERVIEW,
  provisionIds,
} from "./discipline.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
let handlerName: string;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  const row = await ctx.db.query<{ name: string }>(
    "SELECT display_name AS name FROM users WHERE id = $1",
    [t.secretaryUser.id],
  );
  handlerName = row.rows[0]?.name ?? "";
  expect(handlerName).not.toBe("");
});

const post = (who: Caller, url: string, body: object = {}) => call(app, who, "POST", url, body);
const get = (who: Caller, url: string) => call(app, who, "GET", url);

/** A report by 陈晓明 on 刘红梅, found true and passed to discipline. */
async function reportPassedToDiscipline() {
  const report = await fileAReport(app, t.chenCaller, { subjectMemberId: t.liu.id });
  const step = (name: string, body: object) =>
    post(t.branchSecretary, `/api/cases/${report.id}/transitions/${name}`, body);
  expect((await step("accept", {})).statusCode).toBe(200);
  expect(
    (await step("close", { outcome: "to_discipline", feedback: "已移送纪律审查。" })).statusCode,
  ).toBe(200);
  return report;
}

async function open(origin: string, fromCaseId: number) {
  const res = await post(t.branchSecretary, "/api/discipline", {
    origin,
    fromCaseId,
    conductOn: CONDUCT_ON,
    provisionIds: await provisionIds(app, t.branchSecretary, [10, 12]),
    allegation: ALLEGATION,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; number: string };
}

describe("what the member and others see of a discipline case", () => {
  it("shows the member nothing before notice, then only the notice: never who reported, who handled, or the interviews", async () => {
    const report = await reportPassedToDiscipline();
    const c = await open("report", report.id);
    expect((await get(t.filer, `/api/discipline/mine/${c.id}`)).statusCode).toBe(404);
    expect((await get(t.filer, "/api/discipline/mine")).json().items).toEqual([]);
    await post(t.branchSecretary, `/api/discipline/${c.id}/records`, {
      kind: "interview",
      text: INTERVIEW,
    });
    await post(t.branchSecretary, `/api/discipline/${c.id}/records`, {
      kind: "finding",
      text: "经查，转发属实。",
    });
    expect(
      (await post(t.branchSecretary, `/api/discipline/${c.id}/notice`, { facts: FACTS }))
        .statusCode,
    ).toBe(200);

    const list = await get(t.filer, "/api/discipline/mine");
    const view = await get(t.filer, `/api/discipline/mine/${c.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().notice.facts).toBe(FACTS);
    expect(
      view.json().notice.provisions.map((p: { articleLabel: string }) => p.articleLabel),
    ).toEqual(expect.arrayContaining(["第十条", "第十二条"]));
    const inbox = await ctx.db.query<{ title: string; link: string }>(
      `SELECT n.title, n.link FROM notifications n WHERE n.user_id = $1 ORDER BY n.id`,
      [t.filerUser.id],
    );
    const tasks = await get(t.filer, "/api/workbench");
    // Every byte the member can read of their case, as an insider would dump it.
    const everything = [list.body, view.body, JSON.stringify(inbox.rows), tasks.body].join("\n");
    for (const secret of [
      handlerName,
      "陈晓明",
      "孙立平",
      ALLEGATION,
      INTERVIEW,
      "经查，转发属实",
      report.number,
      `"origin"`,
      `"handler`,
      `"actor`,
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(
      inbox.rows.some((n) => n.title.includes(c.number) && n.link === `/my-discipline/${c.id}`),
    ).toBe(true);
    expect(tasks.json().tasks.some((x: { kind: string }) => x.kind === "defence")).toBe(true);
  });

  it("hides the case from a sibling subtree, another member and the filer of the report", async () => {
    const report = await reportPassedToDiscipline();
    const c = await open("report", report.id);
    await post(t.branchSecretary, `/api/discipline/${c.id}/notice`, { facts: FACTS });
    expect((await get(t.siblingDiscipline, `/api/discipline/${c.id}`)).statusCode).toBe(404);
    const siblingList = await get(t.siblingDiscipline, "/api/cases?type=discipline");
    expect(siblingList.json().items).toEqual([]);
    expect(
      (
        await post(t.siblingDiscipline, `/api/discipline/${c.id}/records`, {
          kind: "finding",
          text: "越权",
        })
      ).statusCode,
    ).toBe(404);
    expect((await get(t.chenCaller, `/api/discipline/mine/${c.id}`)).statusCode).toBe(404);
    const chenView = await get(t.chenCaller, `/api/cases/mine/${report.id}`);
    expect(chenView.body).not.toContain(c.number);
    // The member cannot act as a handler on their own case.
    expect((await get(t.filer, `/api/discipline/${c.id}`)).statusCode).toBe(403);
  });

  it("opens a case on the false accuser from the protection case, telling the accuser nothing of it", async () => {
    const report = await fileAReport(app, t.chenCaller, { subjectMemberId: t.liu.id });
    const step = (name: string, body: object) =>
      post(t.branchSecretary, `/api/cases/${report.id}/transitions/${name}`, body);
    await step("accept", {});
    await step("close", { outcome: "unfounded", feedback: "经核查，反映问题不属实。" });
    const protection = await post(
      t.branchSecretary,
      `/api/cases/${report.id}/protection-for-accused`,
      {
        description: "经核查，举报内容系捏造。",
      },
    );
    expect(protection.statusCode).toBe(201);
    const detail = (await get(t.branchSecretary, `/api/cases/${protection.json().id}`)).json();
    expect(detail.can.links).toContain("discipline_for_accuser");
    const c = await open("protection", protection.json().id);
    const handler = (await get(t.branchSecretary, `/api/discipline/${c.id}`)).json();
    expect(handler.subject.name).toBe("陈晓明");
    expect(handler.links.map((l: { number: string }) => l.number)).toContain(
      protection.json().number,
    );
    await post(t.branchSecretary, `/api/discipline/${c.id}/notice`, {
      facts: "你捏造事实举报他人。",
    });
    const accuser = await get(t.chenCaller, `/api/discipline/mine/${c.id}`);
    expect(accuser.statusCode).toBe(200);
    for (const secret of [protection.json().number, report.number, "刘红梅", handlerName]) {
      expect(accuser.body).not.toContain(secret);
    }
    // The accused member's protection case does not show the link either.
    expect((await get(t.filer, `/api/cases/mine/${protection.json().id}`)).body).not.toContain(
      c.number,
    );
    const again = await post(t.branchSecretary, "/api/discipline", {
      origin: "protection",
      fromCaseId: protection.json().id,
      conductOn: CONDUCT_ON,
      provisionIds: await provisionIds(app, t.branchSecretary, [12]),
      allegation: ALLEGATION,
    });
    expect(again.statusCode).toBe(409);
  });

  it("never tells the member that their case came from a finding on their declaration, nor who recorded it", async () => {
    const title = "2026年度党员干部个人有关事项报告（保密测试）";
    const findingId = await aFinding(app, ctx, t, true, title);
    const res = await post(t.discipline, "/api/discipline", {
      origin: "declaration_finding",
      findingId,
      conductOn: CONDUCT_ON,
      provisionIds: await provisionIds(app, t.discipline, [18]),
      allegation: `个人有关事项报告核查意见：${FINDING}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as { id: number; number: string };
    expect(
      (await post(t.discipline, `/api/discipline/${c.id}/notice`, { facts: FACTS })).statusCode,
    ).toBe(200);
    const officer = await ctx.db.query<{ name: string }>(
      "SELECT display_name AS name FROM users WHERE id = $1",
      [t.disciplineUser.id],
    );
    const list = await get(t.filer, "/api/discipline/mine");
    const view = await get(t.filer, `/api/discipline/mine/${c.id}`);
    expect(view.statusCode).toBe(200);
    const tasks = await get(t.filer, "/api/workbench");
    // The registry's own messages to the cadre (the campaign) name it; the case's must not.
    const inbox = await ctx.db.query(
      "SELECT title, body, link FROM notifications WHERE user_id = $1 AND link LIKE $2",
      [t.filerUser.id, "/my-discipline%"],
    );
    expect(inbox.rowCount).toBeGreaterThan(0);
    const everything = [list.body, view.body, tasks.body, JSON.stringify(inbox.rows)].join("\n");
    for (const secret of [
      FINDING,
      title,
      officer.rows[0]?.name ?? "?",
      "declaration",
      "finding",
      "核查意见",
      `"origin"`,
    ]) {
      expect(everything).not.toContain(secret);
    }
    // Nor does the cadre's own declaration page show the finding, or that a case came of it.
    const own = await ctx.db.query<{ id: number }>(
      "SELECT declaration_id::int AS id FROM registry_declaration_findings WHERE id = $1",
      [findingId],
    );
    const declaration = await get(t.filer, `/api/registry/declarations/${own.rows[0]?.id}`);
    expect(declaration.statusCode).toBe(200);
    expect(declaration.body).not.toContain(FINDING);
    expect(declaration.body).not.toContain(c.number);
  });
});
