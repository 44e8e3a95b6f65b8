import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { who } from "../review-http.ts";
import { getSelfReview } from "./get-self-review.ts";
import { listMyReviews } from "./list-my-reviews.ts";
import { returnSelfReview } from "./return-self-review.ts";
import { saveSelfReviewDraft } from "./save-self-review-draft.ts";
import {
  DraftBody,
  MyReviews,
  ReturnBody,
  SelfReviewDetail,
  SelfReviewParams,
} from "./self-review.schemas.ts";
import { submitSelfReview } from "./submit-self-review.ts";

const tags = ["review"];

/** 对照检查: a member drafts and submits; a secretary returns it or exports it. */
export async function selfReviewRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/review/mine",
    { schema: { tags, summary: "本人的对照检查材料", response: { 200: MyReviews } } },
    async (req) => listMyReviews(ctx.db, actorOf(req)),
  );
  r.get(
    "/review/self-reviews/:id",
    {
      schema: {
        tags,
        summary: "对照检查材料",
        params: SelfReviewParams,
        response: { 200: SelfReviewDetail },
      },
    },
    async (req) => getSelfReview(ctx.db, actorOf(req), req.params.id),
  );
  r.put(
    "/review/self-reviews/:id/draft",
    {
      schema: {
        tags,
        summary: "保存草稿（自动保存）",
        params: SelfReviewParams,
        body: DraftBody,
        response: { 200: SelfReviewDetail },
      },
    },
    async (req) => saveSelfReviewDraft(ctx.db, actorOf(req), req.params.id, req.body),
  );
  r.post(
    "/review/self-reviews/:id/submit",
    {
      schema: {
        tags,
        summary: "提交对照检查材料（提交后锁定）",
        params: SelfReviewParams,
        response: { 200: SelfReviewDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return submitSelfReview(ctx.db, actor, audit, req.params.id);
    },
  );
  r.post(
    "/review/self-reviews/:id/return",
    {
      schema: {
        tags,
        summary: "退回修改",
        params: SelfReviewParams,
        body: ReturnBody,
        response: { 200: SelfReviewDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return returnSelfReview(ctx.db, actor, audit, req.params.id, req.body.comment);
    },
  );
}
