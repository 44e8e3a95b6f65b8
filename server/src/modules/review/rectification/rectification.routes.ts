import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { FILE_TYPES } from "../../../platform/files.ts";
import { sendFile } from "../../../platform/files-http.ts";
import { XLSX_MIME } from "../../../platform/xlsx.ts";
import { MeetingParams } from "../meetings/meetings.schemas.ts";
import { uploaded, who } from "../review-http.ts";
import { SelfReviewParams } from "../self-review/self-review.schemas.ts";
import { addEvidenceFile } from "./add-evidence-file.ts";
import { completeRectification, updateRectification } from "./change-rectification.ts";
import { createRectification } from "./create-rectification.ts";
import { exportLedger } from "./export-ledger.ts";
import { listRectifications } from "./list-rectifications.ts";
import { readEvidenceFile } from "./read-evidence-file.ts";
import {
  CloseRectificationBody,
  CompleteRectificationBody,
  CreateRectificationBody,
  EvidenceFileParams,
  LedgerQuery,
  Rectification,
  RectificationList,
  RectificationQuery,
  ReturnRectificationBody,
  UpdateRectificationBody,
} from "./rectification.schemas.ts";
import { reviewRectification } from "./review-rectification.ts";

const tags = ["review"];

/** 整改清单: what each member must rectify, by when, with evidence. */
export async function rectificationRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/review/self-reviews/:id/material.docx",
    { schema: { tags, summary: "导出对照检查材料（.docx）", params: SelfReviewParams } },
    async (req, reply) => {
      const { actor, audit } = who(req);
      // The docx library loads with the first document asked for, not with the server.
      const { exportMaterialDocx } = await import("../self-review/export-material-docx.ts");
      const file = await exportMaterialDocx(ctx.db, actor, audit, req.params.id);
      return sendFile(reply, FILE_TYPES.docx, file.fileName, "self-review.docx", file.bytes);
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
  r.post(
    "/review/rectifications",
    {
      schema: {
        tags,
        summary: "新增整改事项（相互批评、上级反馈或其他来源）",
        body: CreateRectificationBody,
        response: { 201: Rectification },
      },
    },
    async (req, reply) => {
      const { actor, audit } = who(req);
      return reply.status(201).send(await createRectification(ctx.db, actor, audit, req.body));
    },
  );
  r.get(
    "/review/rectifications/ledger.xlsx",
    { schema: { tags, summary: "导出整改台账（Excel）", querystring: LedgerQuery } },
    async (req, reply) => {
      const { actor, audit } = who(req);
      const file = await exportLedger(ctx.db, actor, audit, req.query);
      return sendFile(reply, XLSX_MIME, file.fileName, "rectification-ledger.xlsx", file.bytes);
    },
  );
  r.post(
    "/review/rectifications/:id/close",
    {
      schema: {
        tags,
        summary: "整改销号",
        params: MeetingParams,
        body: CloseRectificationBody,
        response: { 200: Rectification },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return reviewRectification(ctx.db, actor, audit, req.params.id, {
        close: true,
        comment: req.body.comment,
      });
    },
  );
  r.post(
    "/review/rectifications/:id/return",
    {
      schema: {
        tags,
        summary: "退回整改事项（写明理由）",
        params: MeetingParams,
        body: ReturnRectificationBody,
        response: { 200: Rectification },
      },
    },
    async (req) => {
      const { actor, audit } = who(req);
      return reviewRectification(ctx.db, actor, audit, req.params.id, {
        close: false,
        comment: req.body.comment,
      });
    },
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
}
