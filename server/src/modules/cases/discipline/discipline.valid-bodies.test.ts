// Bodies the discipline schemas accept, from the handler, the member, another member and a
// sibling town, through every write route of the module: never a 5xx, and a refusal writes
// nothing (the due-process guards refuse inside the transaction).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appWithWriteRoutes,
  describeWriteRoutes,
  mostly,
  routeName,
  type ValidBodyPlan,
} from "../../../../test/valid-bodies.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { casesTree } from "../cases.fixtures.ts";
import { aFinding, FACTS, openCase, provisionIds } from "./discipline.fixtures.ts";

const { app, ctx, routes } = await appWithWriteRoutes();
const t = await casesTree(ctx);
const opened = (await openCase(app, t.branchSecretary, t.liu.id)).id;
const noticed = (await openCase(app, t.branchSecretary, t.liu.id)).id;
await call(app, t.branchSecretary, "POST", `/api/discipline/${noticed}/notice`, { facts: FACTS });
const provisions = await provisionIds(app, t.branchSecretary, [10, 12]);
const finding = await aFinding(app, ctx, t);

const unknown = 987_654;
const plan: ValidBodyPlan = {
  app,
  db: ctx.db,
  callers: mostly(t.branchSecretary, t.filer, t.chenCaller, t.siblingDiscipline, t.discipline),
  hints: {
    memberId: fc.constantFrom(t.liu.id, t.chen.id, t.zhao.id, unknown),
    orgId: fc.constantFrom(t.branch.id, t.town.id, t.otherTown.id, unknown),
    fromCaseId: fc.constantFrom(opened, unknown),
    meetingId: fc.constantFrom(1, unknown),
    findingId: fc.constantFrom(finding, unknown),
    // Hints name an array field's elements.
    provisionIds: fc.constantFrom(...provisions, unknown),
    conductOn: fc.constantFrom("2026-10-20", "2023-01-01"),
    meetingOn: fc.constantFrom("2026-11-25"),
    point: fc.constantFrom(0, 1, 19),
  },
  refusalAudits: [],
  params: () => ({ id: fc.constantFrom(opened, noticed, unknown) }),
};

const writes = routes.filter((r) => r.url.startsWith("/api/discipline"));

describe("the discipline write routes", () => {
  it("are all walked here", () => {
    expect(writes.map(routeName)).toContain("POST /api/discipline/:id/decision");
  });
});

describeWriteRoutes(writes, () => plan);
