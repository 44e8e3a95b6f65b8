// Issue 15: bodies the case schemas accept, from the filer, the handlers and a sibling town,
// through every write route of the module: never a 5xx, and a refusal writes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appWithWriteRoutes,
  describeWriteRoutes,
  mostly,
  routeName,
  type ValidBodyPlan,
} from "../../../test/valid-bodies.ts";
import { casesTree, fileAReport } from "./cases.fixtures.ts";

const { app, ctx, routes } = await appWithWriteRoutes();
const t = await casesTree(ctx);
const report = (await fileAReport(app, t.filer)).id as number;

const unknown = 987_654;
const links = fc.constantFrom("https://weibo.com/u/1234567890", "http://www.example.cn/a?b=1");
const orgIds = fc.constantFrom(t.branch.id, t.town.id, t.otherTown.id, unknown);

const plan: ValidBodyPlan = {
  app,
  db: ctx.db,
  callers: mostly(t.discipline, t.filer, t.branchSecretary, t.chenCaller, t.siblingDiscipline),
  hints: {
    orgId: orgIds,
    link: links,
    links,
    subjectMemberId: fc.constantFrom(t.chen.id, t.zhao.id, unknown),
    userId: fc.constantFrom(t.disciplineUser.id, t.secretaryUser.id, t.filerUser.id, unknown),
  },
  // A refused assignment is audited on purpose: who tried to hand a case to whom.
  refusalAudits: ["case.assign_refused"],
  params: (route) => ({
    id: route.url.includes("/settings/") ? orgIds : fc.constantFrom(report, unknown),
    name: fc.constantFrom("accept", "close", "reject", "assign", "nope"),
    fileId: fc.constantFrom(1, unknown),
  }),
};

const writes = routes.filter((r) => r.url.startsWith("/api/cases"));

describe("the cases write routes", () => {
  it("are all walked here", () => {
    expect(writes.map(routeName)).toContain("POST /api/cases/:id/transitions/:name");
  });
});

describeWriteRoutes(writes, () => plan);
