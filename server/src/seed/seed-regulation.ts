import { readFile } from "node:fs/promises";
import path from "node:path";
import { importRegulation } from "../modules/regulations/import-regulation.ts";
import type { AuditActor } from "../platform/audit/record.ts";
import type { Db } from "../platform/db/pool.ts";

/** The regulation as published on 2024-01-14, kept in the repo so every install has it. */
export const SEED_REGULATION = path.resolve(
  import.meta.dirname,
  "../../seed-data/party-member-online-conduct-2024.txt",
);

/** Imports the seed regulation when no regulation is stored yet; later starts leave it be. */
export async function seedRegulationOnce(db: Db, actor: AuditActor) {
  const any = await db.query("SELECT 1 FROM regulation_documents LIMIT 1");
  if (any.rowCount) return null;
  return importRegulation(db, actor, {
    text: await readFile(SEED_REGULATION, "utf8"),
    effectiveOn: "2024-01-14",
  });
}
