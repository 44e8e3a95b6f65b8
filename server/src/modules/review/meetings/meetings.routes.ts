import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { FILE_TYPES } from "../../../platform/files.ts";
import { sendFile } from "../../../platform/files-http.ts";
import { nextCursorField } from "../../../platform/keyset.ts";
import { uploaded, who } from "../review-http.ts";
import { createMeeting } from "./create-meeting.ts";
import { getMeeting } from "./get-meeting.ts";
import { listMeetings } from "./list-meetings.ts";
import { addAttachment, readAttachment } from "./meeting-attachments.ts";
import {
  AttachmentParams,
  AttendanceBody,
  CreateMeetingBody,
  CriticismBody,
  MeetingDetail,
  MeetingListQuery,
  MeetingParams,
  MeetingSummary,
  UpdateMeetingBody,
} from "./meetings.schemas.ts";
import { recordAttendance } from "./record-attendance.ts";
import { recordCriticism } from "./record-criticism.ts";
import { updateMeeting } from "./update-meeting.ts";

const tags = ["review"];

/** 组织生活会 / 民主生活会: scheduling, attendance, criticism, attachments and the record. */
export async function meetingsRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/review/meetings",
    {
      schema: {
        tags,
        summary: "会议列表（本组织及下级）",
        querystring: MeetingListQuery,
        response: {
          200: z.object({ items: z.array(MeetingSummary), nextCursor: nextCursorField }),
        },
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
      const { actor, audit } = who(req);
      const file = await readAttachment(
        ctx.db,
        ctx.config.dataDir,
        actor,
        audit,
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
      // The docx library loads with the first document asked for, not with the server.
      const { exportMeetingDocx } = await import("./export-meeting-docx.ts");
      const file = await exportMeetingDocx(ctx.db, actor, audit, req.params.id);
      return sendFile(reply, FILE_TYPES.docx, file.fileName, "meeting-record.docx", file.bytes);
    },
  );
}
