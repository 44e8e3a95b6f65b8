import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember, buildOrg } from "../../../../test/factories.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, type Caller, call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
});

const FINDING =
  "经组织核查，网上关于您收受礼金的举报与事实不符，系诬告。组织将在支部范围内为您澄清正名。";

async function closeAs(who: Caller, id: number, outcome: string) {
  const step = (name: string, body: object) =>
    call(app, who, "POST", `/api/cases/${id}/transitions/${name}`, body);
  expect((await step("accept", {})).statusCode).toBe(200);
  const closed = await step("close", {
    outcome,
    feedback: "经核查，您反映的问题不属实。感谢您对组织的信任。",
  });
  expect(closed.statusCode).toBe(200);
}

const openFor = (who: Caller, reportId: number, body: object = { description: FINDING }) =>
  call(app, who, "POST", `/api/cases/${reportId}/protection-for-accused`, body);

describe("a report found to be a false accusation opens a protection case (Art 12, Art 24)", () => {
  it("only once the report was closed as unfounded, and only once", async () => {
    const r = await fileAReport(app, t.filer, { subjectMemberId: t.chen.id });
    expect((await openFor(t.branchSecretary, r.id)).statusCode).toBe(409);
    await closeAs(t.branchSecretary, r.id, "unfounded");
    const before = await auditCount(ctx, "case.link");
    const opened = await openFor(t.branchSecretary, r.id);
    expect(opened.statusCode).toBe(201);
    expect(opened.json().number).toMatch(/^BH-\d{4}-\d{6}$/);
    expect(await auditCount(ctx, "case.link")).toBe(before + 1);
    const again = await openFor(t.branchSecretary, r.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain("已为本举报");

    const founded = await fileAReport(app, t.filer, { subjectMemberId: t.chen.id });
    await closeAs(t.branchSecretary, founded.id, "founded_handled");
    expect((await openFor(t.branchSecretary, founded.id)).statusCode).toBe(409);
  });

  it("shows the link to the handlers on both cases, opens it accepted, and names the member", async () => {
    const r = await fileAReport(app, t.filer, { subjectMemberId: t.chen.id });
    await closeAs(t.branchSecretary, r.id, "unfounded");
    const report = (await call(app, t.branchSecretary, "GET", `/api/cases/${r.id}`)).json();
    expect(report.can.links).toEqual(["protection_for_accused"]);
    expect(report.subject).toMatchObject({ memberId: t.chen.id, name: "陈晓明" });
    const p = (await openFor(t.branchSecretary, r.id)).json();

    const after = (await call(app, t.branchSecretary, "GET", `/api/cases/${r.id}`)).json();
    expect(after.can.links).toEqual([]);
    expect(after.links).toEqual([
      expect.objectContaining({ caseId: p.id, number: p.number, direction: "to" }),
    ]);
    expect(after.events.map((e: { kind: string }) => e.kind)).toContain("linked");

    const protection = (await call(app, t.branchSecretary, "GET", `/api/cases/${p.id}`)).json();
    expect(protection.caseType).toBe("protection");
    expect(protection.state).toBe("assessing");
    expect(protection.handlerName).not.toBeNull();
    expect(protection.subject.name).toBe("陈晓明");
    expect(protection.filed.description).toBe(FINDING);
    expect(protection.links).toEqual([
      expect.objectContaining({ caseId: r.id, number: r.number, direction: "from" }),
    ]);
    // The town's discipline officer, above the branch, sees the same link.
    const town = (await call(app, t.discipline, "GET", `/api/cases/${p.id}`)).json();
    expect(town.links.map((l: { caseId: number }) => l.caseId)).toEqual([r.id]);
  });

  it("tells the accused member, who follows the case without learning of the report or its filer", async () => {
    const r = await fileAReport(app, t.filer, { subjectMemberId: t.chen.id });
    await closeAs(t.branchSecretary, r.id, "unfounded");
    const p = (await openFor(t.branchSecretary, r.id)).json();
    const notes = await ctx.db.query<{ kind: string; link: string }>(
      "SELECT kind, link FROM notifications WHERE user_id = $1 AND source_id = $2",
      [t.chenUser.id, String(p.id)],
    );
    expect(notes.rows).toEqual([{ kind: "case.protection_opened", link: `/my-cases/${p.id}` }]);
    const mine = await call(app, t.chenCaller, "GET", `/api/cases/mine/${p.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().filed.description).toBe(FINDING);
    expect(mine.body).not.toContain(r.number);
    expect(mine.body).not.toContain(t.liu.name);
    expect(mine.json().can.message).toBe(true);
    // The member cannot handle their own case, nor see the report it came from.
    expect((await call(app, t.chenCaller, "GET", `/api/cases/${r.id}`)).statusCode).toBe(403);
    // The reporter sees neither the protection case nor the link.
    const filerView = await call(app, t.filer, "GET", `/api/cases/mine/${r.id}`);
    expect(filerView.body).not.toContain(p.number);
    expect((await call(app, t.filer, "GET", `/api/cases/mine/${p.id}`)).statusCode).toBe(404);
  });

  it("lets the handler pick the accused when the report named them in words, from their own scope only", async () => {
    const r = await fileAReport(app, t.filer, { subjectName: "陈某" });
    await closeAs(t.discipline, r.id, "unfounded");
    const none = await openFor(t.discipline, r.id);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.field).toBe("memberId");
    const elsewhere = await buildMember(ctx.db, { org: t.otherBranch, name: "周文斌" });
    const outOfScope = await openFor(t.discipline, r.id, {
      description: FINDING,
      memberId: elsewhere.id,
    });
    expect(outOfScope.statusCode).toBe(400);
    expect(outOfScope.json().error.field).toBe("memberId");
    expect((await openFor(t.siblingDiscipline, r.id)).statusCode).toBe(404);
  });

  it("shows a link only to a handler who could open the case at its other end", async () => {
    const second = await buildOrg(ctx.db, {
      parent: t.town,
      kind: "branch",
      name: "城关镇第二党支部",
    });
    const accused = await buildMember(ctx.db, { org: second, name: "吴桂兰" });
    const secondSecretary = await callerWith(ctx, "secretary", second);
    const r = await fileAReport(app, t.filer, { subjectName: "吴某" });
    await closeAs(t.discipline, r.id, "unfounded");
    const p = await openFor(t.discipline, r.id, { description: FINDING, memberId: accused.id });
    expect(p.statusCode).toBe(201);
    const protection = (
      await call(app, secondSecretary, "GET", `/api/cases/${p.json().id}`)
    ).json();
    expect(protection.orgName).toBe("城关镇第二党支部");
    expect(protection.links).toEqual([]);
    const report = (await call(app, t.branchSecretary, "GET", `/api/cases/${r.id}`)).json();
    expect(report.links).toEqual([]);
    const town = (await call(app, t.discipline, "GET", `/api/cases/${r.id}`)).json();
    expect(town.links).toHaveLength(1);
  });

  it("keeps the link append-only in the database", async () => {
    const last = "(SELECT max(id) FROM case_links)";
    await expect(ctx.db.query(`DELETE FROM case_links WHERE id = ${last}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      ctx.db.query(`UPDATE case_links SET link_type = 'discipline_for_accuser' WHERE id = ${last}`),
    ).rejects.toThrow(/append-only/);
  });
});
