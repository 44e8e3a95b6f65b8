import type { FastifyInstance } from "fastify";

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
