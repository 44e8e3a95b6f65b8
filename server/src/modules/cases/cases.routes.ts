import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { BadInput } from "../../platform/errors.ts";
import { FILE_TYPES } from "../../platform/files.ts";
import { attachment, fileNameHeader, withRawUploads } from "../../platform/files-http.ts";
import { pickLocale } from "../../platform/i18n.ts";
import { IdParams } from "../orgs/orgs.schemas.ts";
import {
  AssignBody,
  CaseDetail,
  CaseListQuery,
  CasePage,
  FilerIdentity,
  HandlerCandidate,
  MessageBody,
  NoteBody,
  ProtectionBody,
  ProtectionForAccusedBody,
  Receipt,
  ReportBody,
  Settings,
  SubjectCandidate,
  SubjectCandidatesQuery,
  TransitionBody,
  TransitionParams,
} from "./cases.schemas.ts";
import { addCaseNote } from "./core/add-case-note.ts";
import { applyTransition } from "./core/apply-transition.ts";
import { assignCase, handlerCandidates } from "./core/assign-case.ts";
import { addFilerFile, addHandlerFile, MAX_CASE_FILE, readCaseFile } from "./core/case-files.ts";
import { getCase } from "./core/get-case.ts";
import { listCases } from "./core/list-cases.ts";
import { getMyCase, listMyCases, messageFromFiler } from "./core/my-cases.ts";
import { revealFiler } from "./core/reveal-filer.ts";
import { getCaseSettings, updateCaseSettings } from "./core/update-case-settings.ts";
import { applyProtection } from "./protection/apply-protection.ts";
import { openProtectionForAccused } from "./protection/open-protection-for-accused.ts";
import { fileReport } from "./reports/file-report.ts";
import { subjectCandidates } from "./reports/subject-candidates.ts";

const tags = ["cases"];
const FileParams = z.strictObject({ id: IdParams.shape.id, fileId: IdParams.shape.id });
const Created = z.object({ id: z.number() });

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

/** 举报 (Art 21) and 澄清正名与保护 (Art 24): the filer's side and the handlers' side. */
export async function casesRoutes(api: FastifyInstance, ctx: AppContext) {
  await withRawUploads(api, Object.values(FILE_TYPES), MAX_CASE_FILE, async (scoped) => {
    const r = scoped.withTypeProvider<ZodTypeProvider>();
    const lang = (req: FastifyRequest) => pickLocale(req.headers["accept-language"]);

    r.post(
      "/cases/reports",
      {
        schema: { tags, summary: "提交举报（实名）", body: ReportBody, response: { 201: Receipt } },
      },
      async (req, reply) => reply.status(201).send(await fileReport(ctx, actorOf(req), req.body)),
    );
    r.get(
      "/cases/reports/subject-candidates",
      {
        schema: {
          tags,
          summary: "举报时从本支部党员中选择涉及人员（仅姓名）",
          querystring: SubjectCandidatesQuery,
          response: { 200: z.object({ items: z.array(SubjectCandidate) }) },
        },
      },
      async (req) => ({ items: await subjectCandidates(ctx, actorOf(req), req.query.name) }),
    );
    r.post(
      "/cases/protection",
      {
        schema: {
          tags,
          summary: "申请澄清正名与保护",
          body: ProtectionBody,
          response: { 201: Receipt },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await applyProtection(ctx, actorOf(req), req.body)),
    );
    r.get("/cases/mine", { schema: { tags, summary: "我提交的举报与申请" } }, async (req) =>
      listMyCases(ctx, actorOf(req), lang(req)),
    );
    r.get(
      "/cases/mine/:id",
      { schema: { tags, summary: "我提交的案件进展与答复", params: IdParams } },
      async (req) => getMyCase(ctx, actorOf(req), req.params.id, lang(req)),
    );
    r.post(
      "/cases/mine/:id/messages",
      {
        schema: {
          tags,
          summary: "向承办人补充说明",
          params: IdParams,
          body: MessageBody,
          response: { 200: Created },
        },
      },
      async (req) => messageFromFiler(ctx, actorOf(req), req.params.id, req.body.text),
    );
    r.post(
      "/cases/mine/:id/files",
      {
        schema: {
          tags,
          summary: "上传证据（截图、PDF、Word；请求体为文件，X-File-Name 为文件名）",
          params: IdParams,
          response: { 200: Created },
        },
      },
      async (req) => addFilerFile(ctx, actorOf(req), req.params.id, uploaded(req)),
    );

    r.get(
      "/cases/settings/:id",
      {
        schema: {
          tags,
          summary: "本组织案件办理设置",
          params: IdParams,
          response: { 200: Settings },
        },
      },
      async (req) => getCaseSettings(ctx.db, actorOf(req), req.params.id),
    );
    r.put(
      "/cases/settings/:id",
      {
        schema: {
          tags,
          summary: "设置受理与答复期限、保存期限、是否受理匿名举报",
          params: IdParams,
          body: Settings,
          response: { 200: Settings },
        },
      },
      async (req) =>
        updateCaseSettings(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
    );
    r.get(
      "/cases",
      {
        schema: {
          tags,
          summary: "案件办理列表",
          querystring: CaseListQuery,
          response: { 200: CasePage },
        },
      },
      async (req) => listCases(ctx.db, ctx.cipher, actorOf(req), req.query, lang(req)),
    );
    r.get(
      "/cases/:id",
      {
        schema: {
          tags,
          summary: "案件详情（承办）",
          params: IdParams,
          response: { 200: CaseDetail },
        },
      },
      async (req) => getCase(ctx, actorOf(req), auditActorOf(req), req.params.id, lang(req)),
    );
    r.post(
      "/cases/:id/transitions/:name",
      {
        schema: {
          tags,
          summary: "办理步骤（受理、移交、办结等）",
          params: TransitionParams,
          body: TransitionBody,
        },
      },
      async (req) =>
        applyTransition(
          ctx,
          actorOf(req),
          auditActorOf(req),
          req.params.id,
          req.params.name,
          req.body,
        ),
    );
    r.post(
      "/cases/:id/notes",
      {
        schema: {
          tags,
          summary: "内部记录或给举报人的答复",
          params: IdParams,
          body: NoteBody,
          response: { 200: Created },
        },
      },
      async (req) =>
        addCaseNote(
          ctx,
          actorOf(req),
          auditActorOf(req),
          req.params.id,
          req.body.text,
          req.body.toFiler,
        ),
    );
    r.get(
      "/cases/:id/handlers",
      {
        schema: {
          tags,
          summary: "可承办本案的人员（本组织及上级的书记、纪检委员）",
          params: IdParams,
          response: { 200: z.object({ items: z.array(HandlerCandidate) }) },
        },
      },
      async (req) => ({ items: await handlerCandidates(ctx, actorOf(req), req.params.id) }),
    );
    r.post(
      "/cases/:id/protection-for-accused",
      {
        schema: {
          tags,
          summary: "经核查系诬告的举报：为被诬告党员启动澄清正名与保护（第十二条、第二十四条）",
          params: IdParams,
          body: ProtectionForAccusedBody,
          response: { 201: Receipt },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await openProtectionForAccused(
              ctx,
              actorOf(req),
              auditActorOf(req),
              req.params.id,
              req.body,
            ),
          ),
    );
    r.post(
      "/cases/:id/assign",
      { schema: { tags, summary: "指定或更换承办人", params: IdParams, body: AssignBody } },
      async (req) =>
        assignCase(ctx, actorOf(req), auditActorOf(req), req.params.id, req.body.userId),
    );
    r.post(
      "/cases/:id/reveal-filer",
      {
        schema: {
          tags,
          summary: "查看举报人身份（仅承办人，记入审计）",
          params: IdParams,
          response: { 200: FilerIdentity },
        },
      },
      async (req) => revealFiler(ctx, actorOf(req), auditActorOf(req), req.params.id),
    );
    r.post(
      "/cases/:id/files",
      { schema: { tags, summary: "承办人上传材料", params: IdParams, response: { 200: Created } } },
      async (req) =>
        addHandlerFile(ctx, actorOf(req), auditActorOf(req), req.params.id, uploaded(req)),
    );
    r.get(
      "/cases/:id/files/:fileId",
      { schema: { tags, summary: "下载案件材料", params: FileParams } },
      async (req, reply) => {
        const f = await readCaseFile(
          ctx,
          actorOf(req),
          auditActorOf(req),
          req.params.id,
          req.params.fileId,
        );
        return reply
          .type(f.mime)
          .header("content-disposition", attachment(f.name, "evidence"))
          .header("cache-control", "no-store")
          .send(f.bytes);
      },
    );
  });
}
