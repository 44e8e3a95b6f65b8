import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Actor } from "../../platform/auth/actor.ts";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { BadInput } from "../../platform/errors.ts";
import { fileNameHeader, sendFile, withRawUploads } from "../../platform/files-http.ts";
import { pickLocale } from "../../platform/i18n.ts";
import { type JobOwner, ProgressJobs } from "../../platform/progress-jobs.ts";
import { scopePaths } from "../../platform/scope.ts";
import { chinaTime, XLSX_MIME } from "../../platform/xlsx.ts";
import { authorize, MEMBER_ACTIONS } from "../members/members.policy.ts";
import { exportRoster } from "./export-roster.ts";
import {
  ExportQuery,
  FullExportBody,
  ImportResponse,
  JobId,
  JobStarted,
  PreviewResponse,
  RosterJob,
} from "./roster.schemas.ts";
import { rosterTemplate } from "./roster-template.ts";
import { importRosterFile, previewRosterFile } from "./roster-thread.ts";

const tags = ["roster"];
const MAX_FILE = 10 * 1024 * 1024;
/** Job kinds carry the module's name: one running job per user and kind, across modules. */
const KIND = { preview: "roster.preview", import: "roster.import" } as const;

function fileOf(req: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new BadInput("file", {
      "zh-CN": "请上传 .xlsx 格式的党员名册文件",
      "en-US": "Upload the roster as an .xlsx file",
    });
  }
  return req.body;
}

/** A roster job belongs to its starter and the outermost subtree where they may add members. */
function jobOwner(actor: Actor): JobOwner {
  return { userId: actor.userId, orgPath: scopePaths(actor, MEMBER_ACTIONS.create)[0] ?? "" };
}

/** Excel roster import (preview, then one-transaction write), template and streamed export. */
export async function rosterRoutes(api: FastifyInstance, ctx: AppContext) {
  await withRawUploads(api, [XLSX_MIME], MAX_FILE, (scoped) => rosterRoutesIn(scoped, ctx));
}

async function rosterRoutesIn(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const jobs = new ProgressJobs(ctx.db);
  api.addHook("onClose", async () => jobs.close());

  r.get(
    "/roster/template",
    { schema: { tags, summary: "下载党员名册导入模板" } },
    async (_req, reply) =>
      sendFile(
        reply,
        XLSX_MIME,
        "党员名册导入模板.xlsx",
        "roster-template.xlsx",
        await rosterTemplate(),
      ),
  );

  r.post(
    "/roster/preview",
    {
      schema: {
        tags,
        summary: "预览名册：逐行列出错误，不写入",
        response: { 200: PreviewResponse },
      },
    },
    async (req) =>
      previewRosterFile(
        { db: ctx.db, cipher: ctx.cipher, audit: auditActorOf(req) },
        actorOf(req),
        fileOf(req),
        pickLocale(req.headers["accept-language"]),
      ),
  );

  r.post(
    "/roster/import",
    {
      schema: {
        tags,
        summary: "确认导入名册（一个事务，全部写入或全部不写）",
        response: { 200: ImportResponse },
      },
    },
    async (req) =>
      importRosterFile(
        { db: ctx.db, cipher: ctx.cipher, audit: auditActorOf(req) },
        actorOf(req),
        fileOf(req),
        fileNameHeader(req),
      ),
  );

  r.post(
    "/roster/preview-jobs",
    {
      schema: {
        tags,
        summary: "后台预览名册（大文件）：立即返回任务号，进度与结果用 GET /roster/jobs/:id 查询",
        response: { 202: JobStarted },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, "create");
      const file = fileOf(req);
      const locale = pickLocale(req.headers["accept-language"]);
      const deps = { db: ctx.db, cipher: ctx.cipher, audit: auditActorOf(req) };
      const jobId = await jobs.start(
        jobOwner(actor),
        KIND.preview,
        (report) => previewRosterFile(deps, actor, file, locale, report),
        (error) => req.log.error(error),
      );
      return reply.status(202).send({ jobId });
    },
  );
  r.post(
    "/roster/import-jobs",
    {
      schema: {
        tags,
        summary:
          "后台确认导入名册（大文件，一个事务）：立即返回任务号，进度用 GET /roster/jobs/:id 查询",
        response: { 202: JobStarted },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, "create");
      const file = fileOf(req);
      const audit = auditActorOf(req);
      const fileName = fileNameHeader(req);
      const jobId = await jobs.start(
        jobOwner(actor),
        KIND.import,
        (report) =>
          importRosterFile(
            { db: ctx.db, cipher: ctx.cipher, audit },
            actor,
            file,
            fileName,
            report,
          ),
        (error) => req.log.error(error),
      );
      return reply.status(202).send({ jobId });
    },
  );
  r.get(
    "/roster/jobs/:id",
    {
      schema: {
        tags,
        summary: "查询名册预览或导入任务的进度与结果（仅发起人可见）",
        params: JobId,
        response: { 200: RosterJob },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const reader = {
        userId: actor.userId,
        paths: scopePaths(actor, MEMBER_ACTIONS.create),
        kinds: [KIND.preview, KIND.import],
      };
      const job = await jobs.view(
        req.params.id,
        reader,
        pickLocale(req.headers["accept-language"]),
      );
      return { ...job, kind: job.kind === KIND.import ? "import" : "preview" } as RosterJob;
    },
  );
  r.get(
    "/roster/export",
    {
      schema: {
        tags,
        summary: "按筛选条件导出党员名册（流式，带导出人水印）",
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const now = new Date();
      const stream = await exportRoster(ctx.db, actorOf(req), auditActorOf(req), req.query, now);
      const stamp = chinaTime(now).replace(/[-: ]/g, "").slice(0, 12);
      return sendFile(reply, XLSX_MIME, `党员名册-${stamp}.xlsx`, `roster-${stamp}.xlsx`, stream);
    },
  );
  r.post(
    "/roster/export-full",
    {
      schema: {
        tags,
        summary: "报送用完整导出（含完整身份证号、手机号；需查看敏感信息权限，须填用途，记入审计）",
        querystring: ExportQuery,
        body: FullExportBody,
      },
    },
    async (req, reply) => {
      const now = new Date();
      const stream = await exportRoster(ctx.db, actorOf(req), auditActorOf(req), req.query, now, {
        reason: req.body.reason,
        cipher: ctx.cipher,
      });
      const stamp = chinaTime(now).replace(/[-: ]/g, "").slice(0, 12);
      return sendFile(
        reply,
        XLSX_MIME,
        `党员名册-报送-${stamp}.xlsx`,
        `roster-full-${stamp}.xlsx`,
        stream,
      );
    },
  );
}
