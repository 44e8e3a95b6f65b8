import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { attachment } from "../../platform/files-http.ts";
import { answerPractice } from "./answer-practice.ts";
import { getAttempt } from "./get-attempt.ts";
import { getMaterialFile } from "./get-material-file.ts";
import { getPracticeDay } from "./get-practice-day.ts";
import { listTasks } from "./list-tasks.ts";
import { markMaterialRead } from "./mark-material-read.ts";
import { branchRanking } from "./rankings.ts";
import { saveAnswers } from "./save-answers.ts";
import { startAttempt } from "./start-attempt.ts";
import * as s from "./study.schemas.ts";
import { submitAttempt } from "./submit-attempt.ts";

const tags = ["study"];
const ReadParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
  materialId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

/** Members' side: tasks, materials, exam sittings, daily practice, the branch ranking. */
export async function studyTakeRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/study/tasks",
    { schema: { tags, summary: "我的学习任务", response: { 200: s.TaskList } } },
    async (req) => listTasks(ctx.db, actorOf(req)),
  );
  r.post(
    "/study/tasks/:id/materials/:materialId/read",
    { schema: { tags, summary: "标记必学资料已学", params: ReadParams } },
    async (req) =>
      markMaterialRead(
        ctx.db,
        actorOf(req),
        auditActorOf(req),
        req.params.id,
        req.params.materialId,
      ),
  );
  r.get(
    "/study/materials/:id/file",
    { schema: { tags, summary: "下载学习资料文件", params: s.IdParams } },
    async (req, reply) => {
      const f = await getMaterialFile(ctx.db, actorOf(req), ctx.config.dataDir, req.params.id);
      return reply
        .type(f.mime)
        .header("content-disposition", attachment(f.name, "material"))
        .send(f.bytes);
    },
  );

  r.post(
    "/study/tasks/:id/attempts",
    {
      schema: {
        tags,
        summary: "开始（或继续）考试",
        params: s.IdParams,
        response: { 200: s.Attempt },
      },
    },
    async (req) => startAttempt(ctx.db, actorOf(req), auditActorOf(req), req.params.id),
  );
  r.get(
    "/study/attempts/:id",
    { schema: { tags, summary: "我的答卷", params: s.IdParams, response: { 200: s.Attempt } } },
    async (req) => getAttempt(ctx.db, actorOf(req), req.params.id),
  );
  r.put(
    "/study/attempts/:id/answers",
    {
      schema: {
        tags,
        summary: "自动保存作答",
        params: s.IdParams,
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
        params: s.IdParams,
        body: s.SubmitBody,
        response: { 200: s.SubmitResponse },
      },
    },
    async (req) => submitAttempt(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );

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
}
