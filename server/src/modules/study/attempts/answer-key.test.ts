/**
 * The key a submission is scored against is taken out of the paper by the database when the
 * sitting starts (migration 0044), so no writer can store a key that disagrees with the paper
 * the member was shown.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember, buildOrg } from "../../../../test/factories.ts";
import type { AppContext } from "../../../platform/context.ts";
import { publishCampaign } from "../../rollups/rollups.scenario.ts";
import { findAttemptKeys } from "./attempts.repo.ts";

let ctx: AppContext;

beforeAll(async () => {
  ({ ctx } = await testApp());
});

const paper = [
  {
    id: 11,
    type: "single",
    stem: "党员在网络上发表言论，应当遵守哪一项要求？",
    options: ["遵守法律法规", "随意转发", "匿名攻击", "泄露秘密"],
    order: ["0", "1", "2", "3"],
    answer: ["0"],
    explanation: "见第五条。",
    articleIds: [5],
  },
  {
    id: 12,
    type: "judge",
    stem: "删除网络信息谋取不正当利益是被禁止的。",
    options: ["正确", "错误"],
    order: ["0", "1"],
    answer: ["0"],
    explanation: "见第十六条。",
    articleIds: [16],
  },
];
const key = paper.map(({ id, type, answer }) => ({ id, type, answer }));
const forged = [{ id: 11, type: "single", answer: ["3"] }];

async function storedKey(id: string) {
  const r = await ctx.db.query<{ answer_key: unknown }>(
    "SELECT answer_key FROM study_attempt_keys WHERE attempt_id = $1",
    [id],
  );
  return r.rows[0]?.answer_key;
}

describe("the answer key kept beside the paper", () => {
  it("is the paper's own key whatever the writer gives, and follows the paper", async () => {
    const branch = await buildOrg(ctx.db);
    const member = await buildMember(ctx.db, { org: branch, name: "司马建军" });
    const campaign = await publishCampaign(ctx.db, branch.id, "2026-12", false);
    const started = await ctx.db.query<{ id: string }>(
      `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, deadline_at, paper)
       VALUES ($1, $2, $3, 1, now() + interval '30 minutes', $4) RETURNING id`,
      [campaign, member.id, branch.path, JSON.stringify(paper)],
    );
    const id = started.rows[0]?.id ?? "";
    expect(await storedKey(id)).toEqual(key);
    await expect(
      ctx.db.query("INSERT INTO study_attempt_keys (attempt_id, answer_key) VALUES ($1, $2)", [
        id,
        JSON.stringify(forged),
      ]),
    ).rejects.toThrow(/duplicate key/);

    await ctx.db.query(
      `UPDATE study_attempts SET answers = answers || '{"11":["1"]}' WHERE id = $1`,
      [id],
    );
    expect(await storedKey(id)).toEqual(key);
    await ctx.db.query("UPDATE study_attempt_keys SET answer_key = $2 WHERE attempt_id = $1", [
      id,
      JSON.stringify(forged),
    ]);
    expect(await storedKey(id)).toEqual(key);

    const revised = [{ ...paper[0], answer: ["2"] }];
    await ctx.db.query("UPDATE study_attempts SET paper = $2 WHERE id = $1", [
      id,
      JSON.stringify(revised),
    ]);
    expect(await storedKey(id)).toEqual([{ id: 11, type: "single", answer: ["2"] }]);
    await ctx.db.query(`UPDATE study_attempts SET paper = '{}' WHERE id = $1`, [id]);
    expect(await storedKey(id)).toEqual([]);
    await ctx.db.query("DELETE FROM study_attempt_keys WHERE attempt_id = $1", [id]);
    const [read] = await findAttemptKeys(ctx.db, [Number(id)]);
    expect(read?.paper).toEqual([]);
    await ctx.db.query("DELETE FROM study_attempts WHERE id = $1", [id]);
    expect(await storedKey(id)).toBeUndefined();
  });
});
