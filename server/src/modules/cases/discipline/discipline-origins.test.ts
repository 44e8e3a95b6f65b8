import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree } from "../cases.fixtures.ts";
import {
  ALLEGATION,
  aFinding,
  CONDUCT_ON,
  FINDING,
  openCase,
  provisionIds,
} from "./discipline.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
});

const post = (who: Caller, url: string, body: object = {}) => call(app, who, "POST", url, body);
const get = (who: Caller, url: string) => call(app, who, "GET", url);

async function fromFinding(who: Caller, findingId: number, extra: object = {}) {
  return post(who, "/api/discipline", {
    origin: "declaration_finding",
    findingId,
    conductOn: CONDUCT_ON,
    provisionIds: await provisionIds(app, t.discipline, [18]),
    allegation: `个人有关事项报告核查意见：${FINDING}`,
    ...extra,
  });
}

type Pending = { id: number; finding: string; member: { id: number; name: string } };
const pending = async (who: Caller) =>
  (await get(who, "/api/discipline/origins")).json().findings as Pending[];

describe("opening a discipline case from a declaration finding", () => {
  it("lists the finding to the officers in scope, opens one case on the cadre, and no second", async () => {
    const findingId = await aFinding(app, ctx, t);
    const listed = await pending(t.discipline);
    expect(listed.map((f) => f.id)).toContain(findingId);
    expect(listed.find((f) => f.id === findingId)).toMatchObject({
      finding: FINDING,
      member: { id: t.liu.id, name: "刘红梅" },
    });
    expect(await pending(t.siblingDiscipline)).toEqual([]);
    expect((await get(t.filer, "/api/discipline/origins")).statusCode).toBe(403);

    // A sibling district cannot reach the finding, so cannot open from it.
    const sibling = await fromFinding(t.siblingDiscipline, findingId);
    expect(sibling.statusCode).toBe(400);
    expect(sibling.json().error.field).toBe("findingId");

    const opens = await auditCount(ctx, "discipline.open");
    // A member typed beside the finding does not change whom the case is about.
    const res = await fromFinding(t.discipline, findingId, { memberId: t.chen.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(await auditCount(ctx, "discipline.open")).toBe(opens + 1);
    const view = (await get(t.discipline, `/api/discipline/${res.json().id}`)).json();
    expect(view.origin).toBe("declaration_finding");
    expect(view.subject.name).toBe("刘红梅");
    expect(view.finding).toMatchObject({
      id: findingId,
      visible: true,
      finding: FINDING,
      campaignTitle: "2026年度党员干部个人有关事项报告",
    });

    const again = await fromFinding(t.discipline, findingId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain("已据此核查意见立案");
    expect((await pending(t.discipline)).map((f) => f.id)).not.toContain(findingId);
    const rows = await ctx.db.query("SELECT 1 FROM discipline_cases WHERE origin_finding_id = $1", [
      findingId,
    ]);
    expect(rows.rowCount).toBe(1);
  });

  it("refuses a finding not marked for a case, and a finding named without its origin", async () => {
    const plain = await aFinding(app, ctx, t, false, "2026年度个人有关事项报告（补报）");
    expect((await pending(t.discipline)).map((f) => f.id)).not.toContain(plain);
    const res = await fromFinding(t.discipline, plain);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("findingId");
    const missing = await post(t.discipline, "/api/discipline", {
      origin: "declaration_finding",
      conductOn: CONDUCT_ON,
      provisionIds: await provisionIds(app, t.discipline, [18]),
      allegation: ALLEGATION,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe("findingId");
  });

  it("lists the review meetings of the handler's scope for the meeting picker", async () => {
    const { rows } = await ctx.db.query<{ id: number }>(
      `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
       SELECT 'branch_life', id, path, name, '2026-11-05', '2026年度组织生活会', '2026-12-31'
         FROM orgs WHERE id = $1 RETURNING id::int`,
      [t.branch.id],
    );
    const meetingId = rows[0]?.id;
    const mine = (await get(t.discipline, "/api/discipline/origins")).json().meetings;
    expect(mine.map((m: { id: number }) => m.id)).toContain(meetingId);
    const theirs = (await get(t.siblingDiscipline, "/api/discipline/origins")).json().meetings;
    expect(theirs.map((m: { id: number }) => m.id)).not.toContain(meetingId);
    const c = await openCase(app, t.discipline, t.liu.id, { origin: "review_meeting", meetingId });
    expect(c.id).toBeGreaterThan(0);
  });
});

describe("the generic case view of a discipline case", () => {
  it("offers none of the steps the generic transition route refuses", async () => {
    const c = await openCase(app, t.discipline, t.chen.id);
    const view = await get(t.discipline, `/api/cases/${c.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().can.transitions).toEqual([]);
    // The discipline view still offers them, through its own routes.
    const own = (await get(t.discipline, `/api/discipline/${c.id}`)).json();
    expect(own.can.steps.map((s: { name: string }) => s.name)).toContain("serve_notice");
    const refused = await post(t.discipline, `/api/cases/${c.id}/transitions/dismiss`, {
      note: "不予追究",
    });
    expect(refused.statusCode).toBe(409);
  });
});
