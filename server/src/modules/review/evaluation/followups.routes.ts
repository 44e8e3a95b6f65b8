import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { closeFollowup } from "./close-followup.ts";
import {
  CloseFollowupBody,
  Followup,
  FollowupList,
  FollowupParams,
  FollowupQuery,
} from "./evaluation.schemas.ts";
import { listFollowups } from "./list-followups.ts";

const tags = ["review"];

/** 处置: the follow-ups a grade of 不合格 opens, and closing them with what was done. */
export async function followupRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/review/followups",
    {
      schema: {
        tags,
        summary: "不合格党员处置跟进",
        querystring: FollowupQuery,
        response: { 200: FollowupList },
      },
    },
    async (req) => listFollowups(ctx.db, actorOf(req), req.query),
  );
  r.post(
    "/review/followups/:id/close",
    {
      schema: {
        tags,
        summary: "登记处置措施并办结",
        params: FollowupParams,
        body: CloseFollowupBody,
        response: { 200: Followup },
      },
    },
    async (req) => closeFollowup(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
}
