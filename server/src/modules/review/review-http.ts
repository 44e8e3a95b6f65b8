import type { FastifyRequest } from "fastify";
import { actorOf, auditActorOf } from "../../platform/auth/plugin.ts";
import { BadInput } from "../../platform/errors.ts";
import { fileNameHeader } from "../../platform/files-http.ts";

export const MAX_REVIEW_FILE = 20 * 1024 * 1024;

export const who = (req: FastifyRequest) => ({ actor: actorOf(req), audit: auditActorOf(req) });

export function uploaded(req: FastifyRequest): { name: string; bytes: Buffer } {
  const name = fileNameHeader(req) ?? "";
  if (!Buffer.isBuffer(req.body) || req.body.length === 0 || name === "") {
    throw new BadInput("file", {
      "zh-CN": "请选择要上传的文件",
      "en-US": "Choose a file to upload",
    });
  }
  return { name, bytes: req.body };
}
