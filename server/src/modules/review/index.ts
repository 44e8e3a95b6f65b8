import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { withRawUploads } from "../../platform/files-http.ts";
import { evaluationRoutes } from "./evaluation/evaluation.routes.ts";
import { followupRoutes } from "./evaluation/followups.routes.ts";
import { EVIDENCE_TYPES } from "./evidence-file-type.ts";
import { meetingsRoutes } from "./meetings/meetings.routes.ts";
import { oversightRoutes } from "./oversight/oversight.routes.ts";
import { rectificationRoutes } from "./rectification/rectification.routes.ts";
import { MAX_REVIEW_FILE } from "./review-http.ts";
import { selfReviewRoutes } from "./self-review/self-review.routes.ts";

/** 组织生活会 / 民主生活会, self-review, 整改清单, 民主评议 and oversight (Art 27). */
export async function reviewRoutes(api: FastifyInstance, ctx: AppContext) {
  // The browser sends a file with its own type (a PDF as application/pdf), so each type an
  // upload may carry is read as raw bytes; what the bytes are is checked by sniffing later.
  await withRawUploads(api, Object.values(EVIDENCE_TYPES), MAX_REVIEW_FILE, async (scoped) => {
    await meetingsRoutes(scoped, ctx);
    await selfReviewRoutes(scoped, ctx);
    await rectificationRoutes(scoped, ctx);
    await evaluationRoutes(scoped, ctx);
    await followupRoutes(scoped, ctx);
    await oversightRoutes(scoped, ctx);
  });
}
