import { createHash } from "node:crypto";
import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { FieldCipher } from "../../platform/crypto.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput } from "../../platform/errors.ts";
import { holdKeyRotation } from "../../platform/field-key.ts";
import type { Locale } from "../../platform/i18n.ts";
import type { Progress } from "../../platform/progress-jobs.ts";
import { scopePaths } from "../../platform/scope.ts";
import { writeCheckedMembers } from "../members/create-members-bulk.ts";
import { auditIdNumberCheck, countRegistered } from "../members/id-number-checks.ts";
import { authorize } from "../members/members.policy.ts";
import { RosterCheck } from "./check-roster.ts";
import { streamRoster } from "./read-roster.ts";
import { type ImportResponse, LISTED_ISSUES, type PreviewResponse } from "./roster.schemas.ts";

const SAMPLE_ROWS = 5;

type Report = (p: Progress) => void;
const silent: Report = () => {};

/**
 * Reads and checks a roster file; writes no member, so the user can fix the file first. The
 * check itself is audited (how many ID numbers were looked up and how many are on the roll,
 * inside the caller's scope or not): a preview is a lookup of up to MAX_ROWS numbers.
 */
export async function previewRoster(
  db: Db,
  actor: Actor,
  deps: { cipher: FieldCipher; audit: AuditActor },
  file: Buffer,
  locale: Locale,
  report: Report = silent,
): Promise<PreviewResponse> {
  authorize(actor, "create");
  const check = new RosterCheck(db, actor, deps.cipher);
  const sample: PreviewResponse["sample"] = [];
  await streamRoster(file, async (batch) => {
    for (const r of batch.rows.slice(0, SAMPLE_ROWS - sample.length)) {
      sample.push({ row: r.row, name: r.name, org: r.org, status: r.status ?? "" });
    }
    await check.check(batch);
    report({ stage: "checking", done: check.rows, total: null });
  });
  const issues = check.issues;
  await auditIdNumberCheck(db, deps.audit, actor, {
    via: "roster.preview",
    checked: check.rows,
    ...countRegistered(issues.map((i) => i.code)),
    sha256: sha256(file),
  });
  return {
    rows: check.rows,
    validRows: check.validRows,
    issueCount: issues.length,
    issues: issues
      .slice(0, LISTED_ISSUES)
      .map((i) => ({ row: i.row, column: i.column, message: i.text[locale] })),
    sample,
  };
}

/**
 * Writes a roster in one transaction: every member, their history rows, their audit rows and
 * one audit row for the import itself, or nothing at all. The file is checked again here,
 * since the roll may have changed since the preview. Each batch is written as soon as it is
 * checked, inside the one transaction, so the process holds one batch, not the file (issue
 * 10); once any row has an issue, nothing more is written, the rest is only checked to count
 * the errors, and the transaction is rolled back.
 */
export async function importRoster(
  db: Db,
  actor: Actor,
  deps: { cipher: FieldCipher; audit: AuditActor },
  file: Buffer,
  fileName: string | null,
  report: Report = silent,
): Promise<ImportResponse> {
  authorize(actor, "create");
  let refused: { rows: number; inScope: number; elsewhere: number } | null = null;
  try {
    return await withTx(db, async (tx) => {
      await holdKeyRotation(tx, deps.cipher);
      const check = new RosterCheck(tx, actor, deps.cipher);
      const ids: number[] = [];
      await streamRoster(file, async (batch) => {
        const bodies = await check.check(batch);
        if (check.issueCount === 0 && bodies.length > 0) {
          const before = ids.length;
          ids.push(
            ...(await writeCheckedMembers(tx, actor, bodies, deps, (done) =>
              report({ stage: "writing", done: before + done, total: null }),
            )),
          );
        }
        report({ stage: "writing", done: ids.length, total: null });
      });
      if (check.issueCount > 0) {
        const issues = check.issues;
        refused = { rows: check.rows, ...countRegistered(issues.map((i) => i.code)) };
        throw new BadInput(
          "file",
          {
            "zh-CN": `名册中有 ${issues.length} 处错误，未写入任何记录，请重新预览`,
            "en-US": `The roster has ${issues.length} errors; nothing was written. Preview it again`,
          },
          "roster_invalid",
        );
      }
      if (ids.length === 0) {
        throw new BadInput(
          "file",
          { "zh-CN": "名册中没有数据行", "en-US": "The roster has no data rows" },
          "roster_empty",
        );
      }
      await recordAudit(tx, deps.audit, {
        action: "roster.import",
        entityType: "roster",
        orgPath: scopePaths(actor, "members:write")[0] ?? null,
        after: { fileName, sha256: sha256(file), created: ids.length, memberIds: ids },
      });
      return { created: ids.length };
    });
  } catch (error) {
    // The refusals are audited after the rollback, which would have taken their audit too.
    const found = refused as { rows: number; inScope: number; elsewhere: number } | null;
    if (found && found.inScope + found.elsewhere > 0) {
      await auditIdNumberCheck(db, deps.audit, actor, {
        via: "roster.import",
        checked: found.rows,
        inScope: found.inScope,
        elsewhere: found.elsewhere,
        sha256: sha256(file),
      });
    }
    throw error;
  }
}

const sha256 = (file: Buffer) => createHash("sha256").update(file).digest("hex");
