import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { isCorrect, type PaperItem } from "../study/attempts/paper.ts";
import { approvedBank, publishedCampaign, studyWorld } from "../study/study.fixtures.ts";
import { articleFacts } from "./implementation-facts.repo.ts";

let app: FastifyInstance;
let ctx: AppContext;
let campaignId: number;
let memberId: number;
let orgPath: string;
let documentId: number;
let article: { id: number; number: number };

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const w = await studyWorld(ctx, "判分");
  await approvedBank(app, w);
  campaignId = await publishedCampaign(app, w);
  // A branch of its own, so the facts below are this test's attempts and nothing else.
  const branch = await buildOrg(ctx.db, { parent: w.otherTown, name: "判分核对党支部" });
  memberId = (await buildMember(ctx.db, { org: branch, name: "程思远" })).id;
  orgPath = (
    await ctx.db.query<{ path: string }>("SELECT path::text FROM orgs WHERE id = $1", [branch.id])
  ).rows[0]?.path as string;
  const first = w.articles.find((a) => a.number === 17);
  if (!first) throw new Error("article 17 missing");
  article = first;
  documentId = first.documentId;
});

// Option keys, and fill-ins mixing Chinese, letters of both cases and every kind of space that
// JavaScript's \s knows, so the SQL's white-space class and lower-casing are both exercised.
const key = fc.constantFrom("0", "1", "2", "3", "true", "false");
const fill = fc
  .array(
    fc.constantFrom("党", "员", "网", "A", "a", "B", "b", " ", "\u3000", "\t", "\u00a0", "\n"),
    {
      maxLength: 6,
    },
  )
  .map((cs) => cs.join(""));
const item = fc.oneof(
  fc.record({
    type: fc.constantFrom("single", "multiple", "true_false") as fc.Arbitrary<PaperItem["type"]>,
    answer: fc.array(key, { minLength: 1, maxLength: 3 }),
    given: fc.option(fc.array(key, { maxLength: 4 }), { nil: undefined }),
  }),
  fc.record({
    type: fc.constant("fill_blank") as fc.Arbitrary<PaperItem["type"]>,
    answer: fc.array(fill, { minLength: 1, maxLength: 3 }),
    given: fc.option(fc.array(fill, { maxLength: 2 }), { nil: undefined }),
  }),
  // A fill-in that is an accepted answer once spaces are dropped and case is folded: the case
  // where the two graders could part.
  fc
    .tuple(fc.array(fill, { minLength: 1, maxLength: 3 }), fc.nat(), fill, fc.boolean())
    .map(([answer, pick, noise, upper]) => {
      const base = answer[pick % answer.length] ?? "";
      const spaced = [...base].map((c, i) => (i % 2 ? c + noise.replace(/[^\s]/g, "") : c));
      const text = spaced.join("") + noise.replace(/[^\s]/g, "");
      return {
        type: "fill_blank" as PaperItem["type"],
        answer,
        given: [upper ? text.toUpperCase() : text.toLowerCase()],
      };
    }),
);

describe("exam answers graded in SQL for the implementation map", () => {
  it("agree with the exam's own isCorrect on every answer", async () => {
    let attemptNo = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 8 }), async (items) => {
        attemptNo += 1;
        const paper = items.map((x, i) => ({
          id: i + 1,
          type: x.type,
          stem: "题干",
          options: [],
          order: [],
          answer: x.answer,
          explanation: "",
          articleIds: [article.id],
        }));
        const answers = Object.fromEntries(
          items.flatMap((x, i) => (x.given === undefined ? [] : [[String(i + 1), x.given]])),
        );
        await ctx.db.query("DELETE FROM study_attempts WHERE member_id = $1", [memberId]);
        await ctx.db.query(
          `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, deadline_at,
             paper, answers, submitted_at)
           VALUES ($1, $2, $3::ltree, $4, now(), $5, $6, now())`,
          [
            campaignId,
            memberId,
            orgPath,
            attemptNo,
            JSON.stringify(paper),
            JSON.stringify(answers),
          ],
        );
        const facts = await articleFacts(ctx.db, { orgPath, documentId, withReports: false });
        const row = facts.find((f) => f.number === article.number);
        const want = paper.filter((p) => isCorrect(p, answers[String(p.id)])).length;
        expect(row?.exam_answered).toBe(paper.length);
        expect(row?.exam_correct).toBe(want);
      }),
      { numRuns: 60 },
    );
  });
});
