/** Shared by the discipline tests: provisions in force, and a case opened and taken to a step. */
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { type Caller, call } from "../../orgs/orgs.fixtures.ts";

export const CONDUCT_ON = "2026-10-20";
export const ALLEGATION =
  "群众来信反映：刘红梅在微信群转发歪曲党史的短视频，证人孙立平提供了聊天截图。";
export const INTERVIEW =
  "与证人孙立平谈话：其确认 10 月 20 日在“城关街坊群”看到该视频由刘红梅转发。";
export const FACTS =
  "2026年10月20日，你在微信群“城关街坊群”转发含有歪曲党的历史内容的短视频，造成不良影响。";

export async function provisionIds(app: FastifyInstance, who: Caller, articles: number[]) {
  const res = await call(app, who, "GET", `/api/discipline/provisions?conductOn=${CONDUCT_ON}`);
  if (res.statusCode !== 200) throw new Error(res.body);
  const items = res.json().items as { id: number; articleNumber: number }[];
  return items.filter((p) => articles.includes(p.articleNumber)).map((p) => p.id);
}

export async function openCase(
  app: FastifyInstance,
  who: Caller,
  memberId: number,
  extra: Record<string, unknown> = {},
) {
  const res = await call(app, who, "POST", "/api/discipline", {
    origin: "direct",
    memberId,
    conductOn: CONDUCT_ON,
    provisionIds: await provisionIds(app, who, [10]),
    allegation: ALLEGATION,
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: number; number: string };
}

export const decision = (provisionIds: number[], extra: Record<string, unknown> = {}) => ({
  measure: "warning",
  provisionIds,
  factsFound: FACTS,
  reasons: "其行为违反《规定》第十条，经教育能够认识错误，依规给予党内警告处分。",
  decidedBy: "中共城关镇第一支部委员会",
  meetingName: "支部党员大会",
  meetingOn: "2026-11-25",
  ...extra,
});

/** Moves a case's dates back by `days`, as if that many days had passed. */
export async function daysPass(ctx: AppContext, caseId: number, days: number) {
  await ctx.db.query(
    `UPDATE discipline_cases SET
       notice_on = notice_on - $2::int, defence_due_on = defence_due_on - $2::int,
       defence_on = defence_on - $2::int, decided_on = decided_on - $2::int,
       appeal_due_on = appeal_due_on - $2::int, appealed_on = appealed_on - $2::int
     WHERE case_id = $1`,
    [caseId, days],
  );
}

export const FINDING = "报告称收受的游戏装备已上交，经核实未上交且已在平台出售，建议立案审查。";

/**
 * 刘红梅, made a cadre, declares a gift in a campaign of the branch, and the town's discipline
 * officer records a finding on it; `referToCase` marks it 「需立案审查」. Returns the finding id.
 */
export async function aFinding(
  app: FastifyInstance,
  ctx: AppContext,
  t: {
    branch: { id: number };
    liu: { id: number };
    filer: Caller;
    branchSecretary: Caller;
    discipline: Caller;
  },
  referToCase = true,
  title = "2026年度党员干部个人有关事项报告",
) {
  await ctx.db.query("UPDATE members SET is_cadre = true WHERE id = $1", [t.liu.id]);
  const dueOn = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const campaign = await call(
    app,
    t.branchSecretary,
    "POST",
    "/api/registry/declaration-campaigns",
    {
      orgId: t.branch.id,
      kind: "annual",
      title,
      periodFrom: "2026-01-01",
      periodTo: "2026-12-31",
      dueOn,
    },
  );
  if (campaign.statusCode !== 201) throw new Error(campaign.body);
  const declared = await call(
    app,
    t.filer,
    "POST",
    `/api/registry/declaration-campaigns/${campaign.json().id}/declarations`,
    {
      assetsNone: false,
      assets: [
        {
          kind: "game_item",
          description: "某网络游戏账号内的限定皮肤装备一套",
          source: "辖区某科技公司负责人，节日期间",
          receivedOn: "2026-02-10",
          handover: "次日上交镇纪委",
          handedOverOn: "2026-02-11",
        },
      ],
      activitiesNone: true,
      activities: [],
    },
  );
  if (declared.statusCode !== 200) throw new Error(declared.body);
  const finding = await call(
    app,
    t.discipline,
    "POST",
    `/api/registry/declarations/${declared.json().id}/findings`,
    { finding: FINDING, referToCase },
  );
  if (finding.statusCode !== 201) throw new Error(finding.body);
  return finding.json().id as number;
}
