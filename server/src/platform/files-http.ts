import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BadInput } from "./errors.ts";
import { unstorable } from "./input-guard.ts";

/** Content-Disposition for a download: a UTF-8 file name (RFC 5987) with an ASCII fallback. */
export function attachment(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends a download of the given type under a UTF-8 file name, with `ascii` for old clients. */
export function sendFile(
  reply: FastifyReply,
  type: string,
  name: string,
  ascii: string,
  body: string | Buffer | Readable,
) {
  return reply.type(type).header("content-disposition", attachment(name, ascii)).send(body);
}

/**
 * Registers a module's routes in their own scope where files arrive as the raw request body
 * (one file, no multipart framing), for the given content types and size limit. The scope
 * keeps each module's limit its own: registered on the shared /api instance, whichever
 * module came first would have set the limit for everyone.
 */
export async function withRawUploads(
  api: FastifyInstance,
  types: readonly string[],
  maxBytes: number,
  register: (scoped: FastifyInstance) => Promise<void>,
) {
  await api.register(async (scoped) => {
    for (const type of new Set(["application/octet-stream", ...types])) {
      scoped.addContentTypeParser(
        type,
        { parseAs: "buffer", bodyLimit: maxBytes },
        (_req, body, done) => done(null, body),
      );
    }
    await register(scoped);
  });
}

/**
 * Characters a file name may not hold: controls (a NUL or a newline cut a name short in logs
 * and headers) and the bidirectional overrides and isolates, with which `exe.pdf` displays as
 * something else (U+202E turns "报告\u202Efdp.exe" into "报告exe.pdf" on screen).
 */
const NAME_FORBIDDEN = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const badName = (zh: string, en: string) => new BadInput("file", { "zh-CN": zh, "en-US": en });

/**
 * The uploaded file's name from the x-file-name header (percent-encoded by the web client),
 * or null when absent. Bad percent-encoding, control characters, direction overrides and
 * broken Unicode are the caller's mistake: a 400 on `file`.
 */
export function fileNameHeader(req: FastifyRequest): string | null {
  const raw = req.headers["x-file-name"];
  if (typeof raw !== "string") return null;
  let name: string;
  try {
    name = [...decodeURIComponent(raw).trim()].slice(0, 200).join("");
  } catch {
    throw badName(
      "文件名编码不正确，请重新选择文件",
      "The file name is not properly encoded; choose the file again",
    );
  }
  if (NAME_FORBIDDEN.test(name) || unstorable(name)) {
    throw badName(
      "文件名含有控制字符或文字方向控制符，请重命名文件后再上传",
      "The file name holds control or text-direction characters; rename the file and upload it again",
    );
  }
  return name;
}
