import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../../../platform/auth/actor.ts";
import { actorOf, auditActorOf, requirePermission } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { BadInput } from "../../../platform/errors.ts";
import { FILE_TYPES } from "../../../platform/files.ts";
import {
  attachment,
  fileNameHeader,
  sendFile,
  withRawUploads,
} from "../../../platform/files-http.ts";
import { pickLocale } from "../../../platform/i18n.ts";
import { XLSX_MIME } from "../../../platform/xlsx.ts";
import { IdParams } from "../../orgs/orgs.schemas.ts";
import { CASES_HANDLE } from "../cases.policy.ts";
import { MAX_CASE_FILE } from "../core/case-files.ts";
import { provisionsOf } from "./discipline.repo.ts";
import {
  AppealBody,
  AppealReviewBody,
  DecisionBody,
  DefenceBody,
  DismissBody,
  DocParams,
  NoticeBody,
  OpenBody,
  ProvisionsQuery,
  RecordBody,
  ResponsesBody,
  StatsQuery,
} from "./discipline.schemas.ts";
import { disciplineStats } from "./discipline-stats.ts";
import { exportDisciplineStats } from "./export-discipline-stats.ts";
import {
  addRecord,
  decide,
  dismiss,
  finalize,
  respondToDefence,
  reviewAppeal,
  serveNotice,
} from "./handler-steps.ts";
import { getDiscipline } from "./handler-view.ts";
import { addMemberFile, appeal, submitDefence } from "./member-steps.ts";
import { getMyDiscipline, listMyDiscipline } from "./member-view.ts";
import { openDiscipline, provisionsInForce } from "./open-discipline.ts";
import { meetingsForOrigin, pendingFindings } from "./origins.ts";

const tags = ["discipline"];
const Created = z.object({ id: z.number(), number: z.string() });

function uploaded(req: FastifyRequest): { name: string; bytes: Buffer } {
  const name = fileNameHeader(req) ?? "";
  if (!Buffer.isBuffer(req.body) || req.body.length === 0 || name === "") {
    throw new BadInput("file", {
      "zh-CN": "请选择要上传的文件",
      "en-US": "Choose a file to upload",
    });
  }
  return { name, bytes: req.body };
}

/** 纪律审查 (Art 28): the handlers' steps and the member's own side of their case. */
export async function disciplineRoutes(api: FastifyInstance, ctx: AppContext) {
  await withRawUploads(api, Object.values(FILE_TYPES), MAX_CASE_FILE, async (scoped) => {
    const r = scoped.withTypeProvider<ZodTypeProvider>();
    const lang = (req: FastifyRequest) => pickLocale(req.headers["accept-language"]);
    const who = (req: FastifyRequest) => [ctx, actorOf(req), auditActorOf(req)] as const;

    r.get(
      "/discipline/provisions",
      { schema: { tags, summary: "行为发生时施行的《规定》条款", querystring: ProvisionsQuery } },
      async (req) => {
        requirePermission(can(actorOf(req), CASES_HANDLE));
        const { versionId } = await provisionsInForce(ctx.db, req.query.conductOn, []);
        return { versionId, items: await provisionsOf(ctx.db, versionId) };
      },
    );
    r.post(
      "/discipline",
      { schema: { tags, summary: "立案（纪律审查）", body: OpenBody, response: { 201: Created } } },
      async (req, reply) => reply.status(201).send(await openDiscipline(...who(req), req.body)),
    );
    r.get(
      "/discipline/origins",
      { schema: { tags, summary: "可据以立案的核查意见（待立案）与组织生活会" } },
      async (req) => {
        const actor = actorOf(req);
        const [findings, meetings] = await Promise.all([
          pendingFindings(ctx.db, actor),
          meetingsForOrigin(ctx.db, actor),
        ]);
        return { findings, meetings };
      },
    );
    r.get(
      "/discipline/stats",
      {
        schema: {
          tags,
          summary: "纪律审查统计：按组织、按条款、按处理方式",
          querystring: StatsQuery,
        },
      },
      async (req) => disciplineStats(ctx.db, actorOf(req), req.query, lang(req)),
    );
    r.get(
      "/discipline/stats.xlsx",
      { schema: { tags, summary: "导出纪律审查统计（Excel）", querystring: StatsQuery } },
      async (req, reply) => {
        const file = await exportDisciplineStats(
          ctx.db,
          actorOf(req),
          auditActorOf(req),
          req.query,
        );
        return reply
          .type(XLSX_MIME)
          .header("cache-control", "no-store")
          .header("content-disposition", attachment(file.fileName, "discipline-stats.xlsx"))
          .send(file.bytes);
      },
    );
    r.get("/discipline/mine", { schema: { tags, summary: "我的纪律审查案件" } }, async (req) =>
      listMyDiscipline(ctx.db, actorOf(req), lang(req)),
    );
    r.get(
      "/discipline/mine/:id",
      { schema: { tags, summary: "我的案件：告知、陈述申辩、处理决定、申诉", params: IdParams } },
      async (req) => getMyDiscipline(ctx, actorOf(req), req.params.id, lang(req)),
    );
    r.post(
      "/discipline/mine/:id/defence",
      { schema: { tags, summary: "陈述申辩", params: IdParams, body: DefenceBody } },
      async (req) => submitDefence(...who(req), req.params.id, req.body.points),
    );
    r.post(
      "/discipline/mine/:id/files",
      {
        schema: {
          tags,
          summary: "提交陈述申辩或申诉材料（请求体为文件，X-File-Name 为文件名）",
          params: IdParams,
        },
      },
      async (req) => addMemberFile(...who(req), req.params.id, uploaded(req)),
    );
    r.post(
      "/discipline/mine/:id/appeal",
      { schema: { tags, summary: "提出申诉", params: IdParams, body: AppealBody } },
      async (req) => appeal(...who(req), req.params.id, req.body.reasons),
    );
    r.get(
      "/discipline/mine/:id/documents/:doc",
      {
        schema: {
          tags,
          summary: "下载本人的告知书、处理决定书、申诉复查决定书（.docx）",
          params: DocParams,
        },
      },
      async (req, reply) => {
        // The docx library loads with the first document asked for, not with the server.
        const { exportForMember } = await import("./discipline-docx.ts");
        const f = await exportForMember(ctx, actorOf(req), req.params.id, req.params.doc);
        return sendFile(
          reply.header("cache-control", "no-store"),
          FILE_TYPES.docx,
          f.fileName,
          `${req.params.doc}.docx`,
          f.bytes,
        );
      },
    );
    r.get(
      "/discipline/:id/documents/:doc",
      {
        schema: {
          tags,
          summary: "导出告知书、处理决定书、申诉复查决定书（.docx）",
          params: DocParams,
        },
      },
      async (req, reply) => {
        const { exportForHandler } = await import("./discipline-docx.ts");
        const f = await exportForHandler(...who(req), req.params.id, req.params.doc);
        return sendFile(
          reply.header("cache-control", "no-store"),
          FILE_TYPES.docx,
          f.fileName,
          `${req.params.doc}.docx`,
          f.bytes,
        );
      },
    );
    r.get(
      "/discipline/:id",
      { schema: { tags, summary: "纪律审查案件（承办）", params: IdParams } },
      async (req) => getDiscipline(...who(req), req.params.id, lang(req)),
    );
    r.post(
      "/discipline/:id/records",
      { schema: { tags, summary: "记录调查情况或谈话", params: IdParams, body: RecordBody } },
      async (req) => addRecord(...who(req), req.params.id, req.body),
    );
    r.post(
      "/discipline/:id/notice",
      { schema: { tags, summary: "送达告知书", params: IdParams, body: NoticeBody } },
      async (req) => serveNotice(...who(req), req.params.id, req.body),
    );
    r.post(
      "/discipline/:id/responses",
      { schema: { tags, summary: "逐条答复陈述申辩意见", params: IdParams, body: ResponsesBody } },
      async (req) => respondToDefence(...who(req), req.params.id, req.body),
    );
    r.post(
      "/discipline/:id/decision",
      { schema: { tags, summary: "作出处理决定", params: IdParams, body: DecisionBody } },
      async (req) => decide(...who(req), req.params.id, req.body),
    );
    r.post(
      "/discipline/:id/dismiss",
      { schema: { tags, summary: "撤销案件、不予追究", params: IdParams, body: DismissBody } },
      async (req) => dismiss(...who(req), req.params.id, req.body),
    );
    r.post(
      "/discipline/:id/finalize",
      { schema: { tags, summary: "申诉期满，处理决定生效", params: IdParams } },
      async (req) => finalize(...who(req), req.params.id),
    );
    r.post(
      "/discipline/:id/appeal-review",
      {
        schema: {
          tags,
          summary: "申诉复查决定（上一级组织）",
          params: IdParams,
          body: AppealReviewBody,
        },
      },
      async (req) => reviewAppeal(...who(req), req.params.id, req.body),
    );
  });
}
