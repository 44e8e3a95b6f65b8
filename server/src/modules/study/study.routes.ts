import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { withRawUploads } from "../../platform/files-http.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import { DOCX_MIME, MAX_MATERIAL_BYTES, PDF_MIME } from "./material-files.ts";
import { studyManageRoutes } from "./study-manage.routes.ts";
import { studyTakeRoutes } from "./study-take.routes.ts";

/** Study (Art 22). Files (bank workbooks, PDF/DOCX materials) come as the raw request body. */
export async function studyRoutes(api: FastifyInstance, ctx: AppContext) {
  await withRawUploads(
    api,
    [XLSX_MIME, PDF_MIME, DOCX_MIME],
    MAX_MATERIAL_BYTES,
    async (scoped) => {
      await studyManageRoutes(scoped, ctx);
      await studyTakeRoutes(scoped, ctx);
    },
  );
}
