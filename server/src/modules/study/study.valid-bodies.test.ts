// Issue 15: bodies the study schemas accept, from the town's secretary, a member and the
// sibling town, through every write route of the module: never a 5xx, and a refusal writes
// nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appWithWriteRoutes,
  describeWriteRoutes,
  mostly,
  routeName,
  type ValidBodyPlan,
} from "../../../test/valid-bodies.ts";
import { call } from "../orgs/orgs.fixtures.ts";
import { approvedBank, publishedCampaign, studyWorld } from "./study.fixtures.ts";

const { app, ctx, routes } = await appWithWriteRoutes();
const w = await studyWorld(ctx);
const questions = await approvedBank(app, w);
const campaign = await publishedCampaign(app, w);
const attempt = (
  await call(app, w.member, "POST", `/api/study/tasks/${campaign}/attempts`, {})
).json().id as number;

const unknown = 987_654;
const orgIds = fc.constantFrom(w.town.id, w.branch.id, w.otherTown.id, unknown);

const plan: ValidBodyPlan = {
  app,
  db: ctx.db,
  callers: mostly(w.secretary, w.member, w.propaganda, w.siblingSecretary, w.admin),
  hints: {
    orgId: orgIds,
    orgIds: orgIds,
    articleIds: fc.constantFrom(w.art(17), w.art(19), unknown),
    questionIds: fc.constantFrom(...questions, unknown),
    questionId: fc.constantFrom(...questions, unknown),
    answer: fc.constantFrom(["0"], ["1"], ["true"], ["false"]),
  },
  // Answers to questions outside one's paper are refused and audited as attempts to cheat.
  refusalAudits: ["study.refused"],
  params: (route) => {
    const id = route.url.includes("/attempts/")
      ? fc.constantFrom(attempt, unknown)
      : route.url.includes("/questions/")
        ? fc.constantFrom(...questions, unknown)
        : route.url.includes("/settings/")
          ? orgIds
          : fc.constantFrom(campaign, unknown);
    return { id, materialId: fc.constantFrom(1, unknown) };
  },
};

const writes = routes.filter((r) => r.url.startsWith("/api/study/"));

describe("the study write routes", () => {
  it("are all walked here", () => {
    expect(writes.map(routeName)).toContain("POST /api/study/attempts/:id/submit");
    expect(writes.length).toBeGreaterThan(15);
  });
});

describeWriteRoutes(writes, () => plan);
