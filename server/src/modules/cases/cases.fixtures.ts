/** Shared by the case tests: a county with two towns, a branch with a filer and a subject. */
import type { FastifyInstance } from "fastify";
import { buildMember, buildUser, signIn } from "../../../test/factories.ts";
import { systemActor } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { seedRegulationOnce } from "../../seed/seed-regulation.ts";
import { type Caller, call, callerWith, countyTree } from "../orgs/orgs.fixtures.ts";

export async function casesTree(ctx: AppContext, tag = "") {
  await seedRegulationOnce(ctx.db, systemActor);
  const t = await countyTree(ctx, tag);
  const liu = await buildMember(ctx.db, { org: t.branch, name: "刘红梅" });
  const chen = await buildMember(ctx.db, { org: t.branch, name: "陈晓明" });
  const zhao = await buildMember(ctx.db, { org: t.branch, name: "赵德胜" });
  const filerUser = await buildUser(ctx.db, { role: "member", at: t.branch, member: liu });
  const chenUser = await buildUser(ctx.db, { role: "member", at: t.branch, member: chen });
  const secretaryUser = await buildUser(ctx.db, { role: "secretary", at: t.branch, member: zhao });
  const disciplineUser = await buildUser(ctx.db, { role: "discipline_officer", at: t.town });
  return {
    ...t,
    liu,
    chen,
    zhao,
    filerUser,
    chenUser,
    secretaryUser,
    disciplineUser,
    filer: { headers: (await signIn(ctx.db, filerUser)).headers } as Caller,
    chenCaller: { headers: (await signIn(ctx.db, chenUser)).headers } as Caller,
    branchSecretary: { headers: (await signIn(ctx.db, secretaryUser)).headers } as Caller,
    discipline: { headers: (await signIn(ctx.db, disciplineUser)).headers } as Caller,
    siblingDiscipline: await callerWith(ctx, "discipline_officer", t.otherTown),
  };
}
export type CasesTree = Awaited<ReturnType<typeof casesTree>>;

export const aReport = (extra: Record<string, unknown> = {}) => ({
  platform: "weibo",
  link: "https://weibo.com/u/7712345678/status/4987",
  accountName: "青山夜话",
  seenOn: "2026-11-20",
  description: "该账号发布歪曲党史的短视频并配以诋毁英雄模范的文字，评论区有人转发扩散。",
  articles: [10],
  ...extra,
});

export async function fileAReport(
  app: FastifyInstance,
  who: Caller,
  extra: Record<string, unknown> = {},
) {
  const res = await call(app, who, "POST", "/api/cases/reports", aReport(extra));
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: number; number: string; ackDueOn: string; feedbackDueOn: string };
}
