import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { withRawUploads } from "../../platform/files-http.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import { attemptsRoutes } from "./attempts/attempts.routes.ts";
import { bankRoutes } from "./bank/bank.routes.ts";
import { campaignsRoutes } from "./campaigns/campaigns.routes.ts";
import { DOCX_MIME, MAX_MATERIAL_BYTES, PDF_MIME } from "./materials/material-files.ts";
import { materialsRoutes } from "./materials/materials.routes.ts";
import { practiceRoutes } from "./practice/practice.routes.ts";

/** Study (Art 22). Files (bank workbooks, PDF/DOCX materials) come as the raw request body. */
export async function studyRoutes(api: FastifyInstance, ctx: AppContext) {
  await withRawUploads(
    api,
    [XLSX_MIME, PDF_MIME, DOCX_MIME],
    MAX_MATERIAL_BYTES,
    async (scoped) => {
      await bankRoutes(scoped, ctx);
      await materialsRoutes(scoped, ctx);
      await campaignsRoutes(scoped, ctx);
      await attemptsRoutes(scoped, ctx);
      await practiceRoutes(scoped, ctx);
    },
  );
}
