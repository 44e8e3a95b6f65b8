import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { IdParams } from "../study.schemas.ts";
import * as s from "./attempts.schemas.ts";
import { getAttempt } from "./get-attempt.ts";
import { saveAnswers } from "./save-answers.ts";
import { startAttempt } from "./start-attempt.ts";
import { submitAttempt } from "./submit-attempt.ts";

const tags = ["study"];

/** 考试: a member starts, autosaves and submits a sitting. */
export async function attemptsRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/study/tasks/:id/attempts",
    {
      schema: {
        tags,
        summary: "开始（或继续）考试",
        params: IdParams,
        response: { 200: s.Attempt },
      },
    },
    async (req) => startAttempt(ctx.db, actorOf(req), auditActorOf(req), req.params.id),
  );
  r.get(
    "/study/attempts/:id",
    { schema: { tags, summary: "我的答卷", params: IdParams, response: { 200: s.Attempt } } },
    async (req) => getAttempt(ctx.db, actorOf(req), req.params.id),
  );
  r.put(
    "/study/attempts/:id/answers",
    {
      schema: {
        tags,
        summary: "自动保存作答",
        params: IdParams,
        body: s.SaveAnswersBody,
        response: { 200: s.SavedResponse },
      },
    },
    async (req) =>
      saveAnswers(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body.answers),
  );
  r.post(
    "/study/attempts/:id/submit",
    {
      schema: {
        tags,
        summary: "交卷（服务器评分）",
        params: IdParams,
        body: s.SubmitBody,
        response: { 200: s.SubmitResponse },
      },
    },
    async (req) => submitAttempt(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}
