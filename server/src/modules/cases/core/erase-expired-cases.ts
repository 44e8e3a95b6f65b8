import { recordAudit } from "../../../platform/audit/record.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { deleteUnusedFiles } from "../../../platform/stored-files.ts";
import { effectiveSettings } from "./case-settings.repo.ts";
import { caseSystemActor } from "./filer-actor.ts";
import { cnToday } from "./today.ts";

const BATCH = 200;

/**
 * Retention: a closed case past its org's retention period loses its personal data (who
 * filed, what was written, file names and the link digest) and keeps what statistics count
 * (type, org, dates, platform, articles, outcome). Its evidence files are deleted from disk
 * unless a row of another case or module still names the same content. One transaction per
 * case, so an interrupted run leaves every case either whole or erased.
 */
export async function eraseExpiredCases(ctx: AppContext, today?: string): Promise<number> {
  const now = today ?? (await cnToday(ctx.db));
  const candidates = await ctx.db.query<{ id: number; org_path: string; closed_on: string }>(
    `SELECT id, org_path::text, closed_on::text FROM cases
      WHERE closed_on IS NOT NULL AND erased_on IS NULL AND closed_on < $1::date - 30
      ORDER BY id LIMIT $2`,
    [now, BATCH],
  );
  let erased = 0;
  for (const c of candidates.rows) {
    const { retentionDays } = await effectiveSettings(ctx.db, c.org_path);
    const until = new Date(Date.parse(`${c.closed_on}T00:00:00Z`) + retentionDays * 86_400_000);
    if (until.toISOString().slice(0, 10) >= now) continue;
    await withTx(ctx.db, async (tx) => {
      await tx.query("SELECT set_config('wanggui.case_erasure', 'on', true)");
      await tx.query("UPDATE case_events SET body = NULL, meta = '{}' WHERE case_id = $1", [c.id]);
      await tx.query(
        "UPDATE case_filers SET identity = NULL, filer_digest = NULL WHERE case_id = $1",
        [c.id],
      );
      const files = await tx.query<{ sha256: string }>(
        "SELECT sha256 FROM case_files WHERE case_id = $1 AND sha256 IS NOT NULL",
        [c.id],
      );
      await tx.query(
        "UPDATE case_files SET file_name = '\\x'::bytea, sha256 = NULL WHERE case_id = $1",
        [c.id],
      );
      const filesDeleted = await deleteUnusedFiles(
        tx,
        ctx.config.dataDir,
        files.rows.map((f) => f.sha256),
      );
      await tx.query(
        "UPDATE cases SET erased_on = $2::date, link_digest = NULL, handler_user_id = NULL WHERE id = $1",
        [c.id, now],
      );
      await recordAudit(tx, caseSystemActor, {
        action: "case.erase",
        entityType: "case",
        entityId: c.id,
        orgPath: c.org_path,
        after: { closedOn: c.closed_on, retentionDays, filesDeleted },
      });
    });
    erased += 1;
  }
  return erased;
}
