import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { IdParams } from "../study.schemas.ts";
import { answerPractice } from "./answer-practice.ts";
import { getPracticeDay } from "./get-practice-day.ts";
import * as s from "./practice.schemas.ts";
import { branchRanking, getSettings, updateSettings } from "./rankings.ts";

const tags = ["study"];

/** 每日一练 and the branch ranking each organization may turn on. */
export async function practiceRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/study/practice/today",
    { schema: { tags, summary: "每日一练", response: { 200: s.PracticeDay } } },
    async (req) => getPracticeDay(ctx.db, actorOf(req), auditActorOf(req)),
  );
  r.post(
    "/study/practice/answers",
    {
      schema: {
        tags,
        summary: "每日一练作答",
        body: s.PracticeAnswerBody,
        response: { 200: s.PracticeAnswerResponse },
      },
    },
    async (req) => answerPractice(ctx.db, actorOf(req), auditActorOf(req), req.body),
  );
  r.get(
    "/study/rankings",
    { schema: { tags, summary: "本支部学习积分排行（需开启）", response: { 200: s.Ranking } } },
    async (req) => branchRanking(ctx.db, actorOf(req)),
  );
  r.get(
    "/study/settings/:id",
    {
      schema: {
        tags,
        summary: "组织的学习设置",
        params: IdParams,
        response: { 200: s.Settings },
      },
    },
    async (req) => getSettings(ctx.db, actorOf(req), req.params.id),
  );
  r.put(
    "/study/settings/:id",
    {
      schema: {
        tags,
        summary: "开启或关闭积分排行",
        params: IdParams,
        body: s.SettingsBody,
        response: { 200: s.Settings },
      },
    },
    async (req) =>
      updateSettings(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.params.id,
        req.body.rankingsEnabled,
      ),
  );
}
