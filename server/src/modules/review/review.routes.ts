import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import type { AppContext } from "../../platform/context.ts";
import { BadInput } from "../../platform/errors.ts";
import { fileNameHeader, withRawUploads } from "../../platform/files-http.ts";
import { addEvidenceFile } from "./add-evidence-file.ts";
import { completeRectification, updateRectification } from "./change-rectification.ts";
import { createMeeting } from "./create-meeting.ts";
import { DOCX_MIME } from "./docx-format.ts";
import { evaluationRoutes } from "./evaluation.routes.ts";
import { EVIDENCE_TYPES } from "./evidence-file-type.ts";
import { exportMaterialDocx } from "./export-material-docx.ts";
import { exportMeetingDocx } from "./export-meeting-docx.ts";
import { followupRoutes } from "./followups.routes.ts";
import { getMeeting } from "./get-meeting.ts";
import { getSelfReview } from "./get-self-review.ts";
import { listMeetings } from "./list-meetings.ts";
import { listMyReviews } from "./list-my-reviews.ts";
import { listRectifications } from "./list-rectifications.ts";
import { addAttachment, readAttachment } from "./meeting-attachments.ts";
import { oversightRoutes } from "./oversight.routes.ts";
import { readEvidenceFile } from "./read-evidence-file.ts";
import { recordAttendance } from "./record-attendance.ts";
import { recordCriticism } from "./record-criticism.ts";
import { returnSelfReview } from "./return-self-review.ts";
import {
  AttachmentParams,
  AttendanceBody,
  CompleteRectificationBody,
  CreateMeetingBody,
  CriticismBody,
  DraftBody,
  EvidenceFileParams,
  MeetingDetail,
  MeetingListQuery,
  MeetingParams,
  MeetingSummary,
  MyReviews,
  Rectification,
  RectificationList,
  RectificationQuery,
  ReturnBody,
  SelfReviewDetail,
  SelfReviewParams,
  UpdateMeetingBody,
  UpdateRectificationBody,
} from "./review.schemas.ts";
import { saveSelfReviewDraft } from "./save-self-review-draft.ts";
import { sendFile } from "./send-file.ts";
import { submitSelfReview } from "./submit-self-review.ts";
import { updateMeeting } from "./update-meeting.ts";

const tags = ["review"];
const MAX_FILE = 20 * 1024 * 1024;

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

/** 组织生活会 / 民主生活会, self-review, 整改清单; then 民主评议 and oversight. */
export async function reviewRoutes(api: FastifyInstance, ctx: AppContext) {
  // The browser sends a file with its own type (a PDF as application/pdf), so each type an
  // upload may carry is read as raw bytes; what the bytes are is checked by sniffing later.
  await withRawUploads(api, Object.values(EVIDENCE_TYPES), MAX_FILE, (scoped) =>
    reviewRoutesIn(scoped, ctx),
  );
}

async function reviewRoutesIn(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const who = (req: FastifyRequest) => ({ actor: actorOf(req), audit: auditActorOf(req) });

  r.get(
    "/review/meetings",
    {
      schema: {
        tags,
        summary: "会议列表（本组织及下级）",
        querystring: MeetingListQuery,
        response: { 200: z.object({ items: z.array(MeetingSummary) }) },
      },
    },
    async (req) => listMeetings(ctx.db, actorOf(req), req.query),
  );
  r.post(
    "/review/meetings",
    {
      schema: {
        tags,
        summary: "安排组织生活会或民主生活会",
        body: CreateMeetingBody,
        response: { 201: MeetingDetail },
      },
    },
    async (req, reply) => {
      const { actor, audit } = who(req);
      return reply.status(201).send(await createMeeting(ctx.db, actor, audit, req.body));
    },
  );
  r.get(
    "/review/meetings/:id",
    {
      schema: {
        tags,
        summary: "会议详情",
        params: MeetingParams,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => getMeeting(ctx.db, actorOf(req), req.params.id),
  );
  r.patch(
    "/review/meetings/:id",
    {
      schema: {
        tags,
        summary: "修改会议信息与会议记录",
        params: MeetingParams,
        body: UpdateMeetingBody,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return updateMeeting(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.put(
    "/review/meetings/:id/attendance",
    {
      schema: {
        tags,
        summary: "登记实到与缺席原因",
        params: MeetingParams,
        body: AttendanceBody,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return recordAttendance(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.post(
    "/review/meetings/:id/criticisms",
    {
      schema: {
        tags,
        summary: "记录相互批评",
        params: MeetingParams,
        body: CriticismBody,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return recordCriticism(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.post(
    "/review/meetings/:id/attachments",
    {
      schema: {
        tags,
        summary: "上传会议附件（请求体为文件，X-File-Name 为文件名）",
        params: MeetingParams,
        response: { 200: MeetingDetail },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return addAttachment(ctx.db, ctx.config.dataDir, actor, audit, req.params.id, uploaded(req));
    },
  );
  r.get(
    "/review/meetings/:id/attachments/:attachmentId",
    { schema: { tags, summary: "下载会议附件", params: AttachmentParams } },
    async (req, reply) => {
      const file = await readAttachment(
        ctx.db,
        ctx.config.dataDir,
        actorOf(req),
        req.params.id,
        req.params.attachmentId,
      );
      return sendFile(reply, "application/octet-stream", file.fileName, "attachment", file.bytes);
    },
  );
  r.get(
    "/review/meetings/:id/record.docx",
    { schema: { tags, summary: "导出会议记录（.docx）", params: MeetingParams } },
    async (req, reply) => {
      const { actor, audit } = who(req);
      const file = await exportMeetingDocx(ctx.db, actor, audit, req.params.id);
      return sendFile(reply, DOCX_MIME, file.fileName, "meeting-record.docx", file.bytes);
    },
  );

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
  r.get(
    "/review/self-reviews/:id/material.docx",
    { schema: { tags, summary: "导出对照检查材料（.docx）", params: SelfReviewParams } },
    async (req, reply) => {
      const { actor, audit } = who(req);
      const file = await exportMaterialDocx(ctx.db, actor, audit, req.params.id);
      return sendFile(reply, DOCX_MIME, file.fileName, "self-review.docx", file.bytes);
    },
  );

  r.get(
    "/review/rectifications",
    {
      schema: {
        tags,
        summary: "整改清单",
        querystring: RectificationQuery,
        response: { 200: RectificationList },
      },
    },
    async (req) => listRectifications(ctx.db, actorOf(req), req.query),
  );
  r.patch(
    "/review/rectifications/:id",
    {
      schema: {
        tags,
        summary: "调整整改责任人、措施或期限",
        params: MeetingParams,
        body: UpdateRectificationBody,
        response: { 200: Rectification },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return updateRectification(ctx.db, actor, audit, req.params.id, req.body);
    },
  );
  r.post(
    "/review/rectifications/:id/complete",
    {
      schema: {
        tags,
        summary: "整改完成（附佐证）",
        params: MeetingParams,
        body: CompleteRectificationBody,
        response: { 200: Rectification },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return completeRectification(ctx.db, actor, audit, req.params.id, req.body.evidence);
    },
  );

  r.post(
    "/review/rectifications/:id/evidence",
    {
      schema: {
        tags,
        summary: "上传整改佐证文件（PDF、DOCX、图片；请求体为文件，X-File-Name 为文件名）",
        params: MeetingParams,
        response: { 200: Rectification },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return addEvidenceFile(
        ctx.db,
        ctx.config.dataDir,
        actor,
        audit,
        req.params.id,
        uploaded(req),
      );
    },
  );
  r.get(
    "/review/rectifications/:id/evidence/:fileId",
    { schema: { tags, summary: "下载整改佐证文件", params: EvidenceFileParams } },
    async (req, reply) => {
      const { actor, audit } = who(req);
      const file = await readEvidenceFile(
        ctx.db,
        ctx.config.dataDir,
        actor,
        audit,
        req.params.id,
        req.params.fileId,
      );
      return sendFile(reply, file.mime, file.fileName, "evidence", file.bytes);
    },
  );

  await evaluationRoutes(api, ctx);
  await followupRoutes(api, ctx);
  await oversightRoutes(api, ctx);
}
