import type { FastifyInstance, FastifyRequest } from "fastify";
import { BadInput } from "./errors.ts";

/** Content-Disposition for a download: a UTF-8 file name (RFC 5987) with an ASCII fallback. */
export function attachment(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
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
 * The uploaded file's name from the x-file-name header (percent-encoded by the web client),
 * or null when absent. Bad percent-encoding is the caller's mistake: a 400 on `file`.
 */
export function fileNameHeader(req: FastifyRequest): string | null {
  const raw = req.headers["x-file-name"];
  if (typeof raw !== "string") return null;
  try {
    return decodeURIComponent(raw).trim().slice(0, 200);
  } catch {
    throw new BadInput("file", {
      "zh-CN": "文件名编码不正确，请重新选择文件",
      "en-US": "The file name is not properly encoded; choose the file again",
    });
  }
}
