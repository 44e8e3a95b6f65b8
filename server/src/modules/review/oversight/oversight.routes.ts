import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { sendFile } from "../../../platform/files-http.ts";
import { CursorQuery, nextCursorField } from "../../../platform/keyset.ts";
import { XLSX_MIME } from "../../../platform/xlsx.ts";
import { Id } from "../../orgs/orgs.schemas.ts";
import { Year } from "../review.schemas.ts";
import { exportOversight } from "./export-oversight.ts";
import { getOversight } from "./get-oversight.ts";

const tags = ["review"];

export const OversightQuery = z.strictObject({ orgId: Id.optional(), year: Year, ...CursorQuery });
const ExportQuery = z.strictObject({ orgId: Id.optional(), year: Year });
const Count = z.number();
export const OversightTable = z.object({
  year: z.number(),
  nextCursor: nextCursorField,
  items: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      meetings: Count,
      lastMeetingOn: z.string().nullable(),
      selfReviews: Count,
      submitted: Count,
      rectificationsOpen: Count,
      rectificationsOverdue: Count,
      /** 处置 follow-ups still open, whatever year's round opened them. */
      followupsOpen: Count,
      grades: z.object({
        excellent: Count,
        competent: Count,
        basically_competent: Count,
        incompetent: Count,
      }),
    }),
  ),
});

/** A committee's view of its branches, on screen and as Excel. */
export async function oversightRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/review/oversight",
    {
      schema: {
        tags,
        summary: "督导：各党支部会议、对照检查、整改与评议情况",
        querystring: OversightQuery,
        response: { 200: OversightTable },
      },
    },
    async (req) => getOversight(ctx.db, actorOf(req), req.query),
  );
  r.get(
    "/review/oversight.xlsx",
    { schema: { tags, summary: "导出督导表（Excel）", querystring: ExportQuery } },
    async (req, reply) => {
      const file = await exportOversight(ctx.db, actorOf(req), auditActorOf(req), req.query);
      return sendFile(reply, XLSX_MIME, file.fileName, "review-oversight.xlsx", file.bytes);
    },
  );
}
