import type { FastifyReply } from "fastify";
import { attachment } from "../../platform/files-http.ts";

/** Sends a download with a UTF-8 file name (RFC 5987) and an ASCII fallback. */
export function sendFile(
  reply: FastifyReply,
  type: string,
  name: string,
  ascii: string,
  bytes: Buffer,
) {
  return reply.type(type).header("content-disposition", attachment(name, ascii)).send(bytes);
}
