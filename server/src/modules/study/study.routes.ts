import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import { DOCX_MIME, MAX_MATERIAL_BYTES, PDF_MIME } from "./material-files.ts";
import { studyManageRoutes } from "./study-manage.routes.ts";
import { studyTakeRoutes } from "./study-take.routes.ts";

/** Study (Art 22). Files (bank workbooks, PDF/DOCX materials) come as the raw request body. */
export async function studyRoutes(api: FastifyInstance, ctx: AppContext) {
  await api.register(async (scoped) => {
    for (const type of [XLSX_MIME, PDF_MIME, DOCX_MIME, "application/octet-stream"]) {
      if (!scoped.hasContentTypeParser(type)) {
        scoped.addContentTypeParser(
          type,
          { parseAs: "buffer", bodyLimit: MAX_MATERIAL_BYTES },
          (_req, body, done) => done(null, body),
        );
      }
    }
    await studyManageRoutes(scoped, ctx);
    await studyTakeRoutes(scoped, ctx);
  });
}
