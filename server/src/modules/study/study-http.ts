import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { BadInput } from "../../platform/errors.ts";

export const Created = z.object({ id: z.number() });

export function uploaded(req: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new BadInput("file", { "zh-CN": "请上传文件", "en-US": "Upload a file" });
  }
  return req.body;
}
