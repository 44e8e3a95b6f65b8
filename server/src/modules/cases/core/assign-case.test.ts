import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember, buildUser, signIn } from "../../../../test/factories.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
let sun: Awaited<ReturnType<typeof buildMember>>;
let sunUser: Awaited<ReturnType<typeof buildUser>>;
let sunCaller: Caller;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  // The branch's discipline officer, also a member of the branch.
  sun = await buildMember(ctx.db, { org: t.branch, name: "孙立平" });
  sunUser = await buildUser(ctx.db, { role: "discipline_officer", at: t.branch, member: sun });
  sunCaller = { headers: (await signIn(ctx.db, sunUser)).headers };
});

const assign = (who: Caller, id: number, userId: number) =>
  call(app, who, "POST", `/api/cases/${id}/assign`, { userId });

async function notified(caseId: number, kind: string) {
  const rows = await ctx.db.query<{ user_id: number }>(
    "SELECT user_id FROM notifications WHERE source_id = $1 AND kind = $2",
    [String(caseId), kind],
  );
  return rows.rows.map((r) => Number(r.user_id));
}

describe("who a case can be handed to", () => {
  it("lists the handlers of the case's org and every org above, nearest first", async () => {
    const r = await fileAReport(app, t.filer);
    const res = await call(app, t.branchSecretary, "GET", `/api/cases/${r.id}/handlers`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { userId: number; levelsUp: number }[];
    const ids = items.map((i) => i.userId);
    expect(ids).toEqual(
      expect.arrayContaining([t.secretaryUser.id, sunUser.id, t.disciplineUser.id]),
    );
    expect(items.find((i) => i.userId === t.secretaryUser.id)?.levelsUp).toBe(0);
    expect(items.find((i) => i.userId === t.disciplineUser.id)?.levelsUp).toBe(1);
    expect(items.map((i) => i.levelsUp)).toEqual([...items.map((i) => i.levelsUp)].sort());
  });

  it("leaves out the secretary a case is about: it sits one level up, out of their reach", async () => {
    const r = await fileAReport(app, t.filer, { subjectMemberId: t.zhao.id });
    const items = (await call(app, t.discipline, "GET", `/api/cases/${r.id}/handlers`)).json()
      .items as { userId: number }[];
    expect(items.map((i) => i.userId)).not.toContain(t.secretaryUser.id);
    expect(items.map((i) => i.userId)).toContain(t.disciplineUser.id);
  });

  it("marks the member the case names", async () => {
    const r = await fileAReport(app, t.filer, { subjectMemberId: sun.id });
    const items = (await call(app, t.branchSecretary, "GET", `/api/cases/${r.id}/handlers`)).json()
      .items as { userId: number; named: boolean }[];
    expect(items.find((i) => i.userId === sunUser.id)?.named).toBe(true);
    expect(items.filter((i) => i.named)).toHaveLength(1);
  });

  it("answers 401, 403 to a member and 404 to a sibling town", async () => {
    const r = await fileAReport(app, t.filer);
    const url = `/api/cases/${r.id}/handlers`;
    expect((await call(app, anonymous, "GET", url)).statusCode).toBe(401);
    expect((await call(app, t.chenCaller, "GET", url)).statusCode).toBe(403);
    expect((await call(app, t.siblingDiscipline, "GET", url)).statusCode).toBe(404);
  });
});

describe("assigning and reassigning", () => {
  it("hands the case over, tells the new handler, and the one it was taken from", async () => {
    const r = await fileAReport(app, t.filer);
    const before = await auditCount(ctx, "case.assign");
    expect((await assign(t.branchSecretary, r.id, sunUser.id)).statusCode).toBe(200);
    expect(await notified(r.id, "case.assigned")).toEqual([sunUser.id]);
    expect((await assign(t.discipline, r.id, t.disciplineUser.id)).statusCode).toBe(200);
    expect(await notified(r.id, "case.reassigned")).toEqual([sunUser.id]);
    expect(await auditCount(ctx, "case.assign")).toBe(before + 2);
    const detail = (await call(app, t.discipline, "GET", `/api/cases/${r.id}`)).json();
    const name = await ctx.db.query("SELECT display_name FROM users WHERE id = $1", [
      t.disciplineUser.id,
    ]);
    expect(detail.handlerName).toBe(name.rows[0].display_name);
    expect(detail.can.revealFiler).toBe(true);
    expect(detail.events.filter((e: { kind: string }) => e.kind === "assigned")).toHaveLength(2);
  });

  it("refuses the member the case names, saying why in Chinese, and audits the refusal", async () => {
    const r = await fileAReport(app, t.filer, { subjectMemberId: sun.id });
    const before = await auditCount(ctx, "case.assign_refused");
    const res = await assign(t.branchSecretary, r.id, sunUser.id);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: "userId", code: "step_aside" });
    expect(res.json().error.message).toContain("依回避规定不能承办本案");
    expect(await auditCount(ctx, "case.assign_refused")).toBe(before + 1);
    const detail = (await call(app, t.branchSecretary, "GET", `/api/cases/${r.id}`)).json();
    expect(detail.handlerName).toBeNull();
  });

  it("refuses whoever filed with the very same words, so the refusal does not say who filed", async () => {
    const filed = await fileAReport(app, sunCaller);
    const named = await fileAReport(app, t.filer, { subjectMemberId: sun.id });
    const asFiler = await assign(t.branchSecretary, filed.id, sunUser.id);
    const asNamed = await assign(t.branchSecretary, named.id, sunUser.id);
    expect(asFiler.statusCode).toBe(400);
    expect(asFiler.json().error.message).toBe(asNamed.json().error.message);
    expect(asFiler.json().error.code).toBe(asNamed.json().error.code);
    // Nor does the list: the filer is listed like anyone else.
    const items = (
      await call(app, t.branchSecretary, "GET", `/api/cases/${filed.id}/handlers`)
    ).json().items as { userId: number; named: boolean }[];
    expect(items.find((i) => i.userId === sunUser.id)?.named).toBe(false);
  });

  it("refuses someone who does not reach the case, and a closed case", async () => {
    const r = await fileAReport(app, t.filer);
    const sibling = await assign(t.branchSecretary, r.id, t.chenUser.id);
    expect(sibling.statusCode).toBe(400);
    expect(sibling.json().error.code).toBe("cannot_handle");
    const step = (name: string, body: object) =>
      call(app, t.branchSecretary, "POST", `/api/cases/${r.id}/transitions/${name}`, body);
    await step("decline", { outcome: "not_accepted", feedback: "不属于本组织受理范围。" });
    expect((await assign(t.branchSecretary, r.id, t.disciplineUser.id)).statusCode).toBe(409);
  });
});
