import { createHash } from "node:crypto";
import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { FieldCipher } from "../../platform/crypto.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput } from "../../platform/errors.ts";
import type { Locale } from "../../platform/i18n.ts";
import type { Progress } from "../../platform/progress-jobs.ts";
import { scopePaths } from "../../platform/scope.ts";
import { writeCheckedMembers } from "../members/create-members-bulk.ts";
import { auditIdNumberCheck, countRegistered } from "../members/id-number-checks.ts";
import { authorize } from "../members/members.policy.ts";
import { checkRoster } from "./check-roster.ts";
import { readRoster } from "./read-roster.ts";
import type { ImportResponse, PreviewResponse } from "./roster.schemas.ts";

const SAMPLE_ROWS = 5;

type Report = (p: Progress) => void;
const silent: Report = () => {};

/** Reads the file on a worker thread, telling `report` how many rows are read so far. */
function read(file: Buffer, report: Report) {
  return readRoster(file, (done) => report({ stage: "reading", done, total: null }));
}

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
  const parsed = await read(file, report);
  report({ stage: "checking", done: 0, total: parsed.rows.length });
  const checked = await checkRoster(db, actor, deps.cipher, parsed);
  await auditIdNumberCheck(db, deps.audit, actor, {
    via: "roster.preview",
    checked: parsed.rows.length,
    ...countRegistered(checked.issues.map((i) => i.code)),
    sha256: sha256(file),
  });
  return {
    rows: checked.rows,
    validRows: checked.validRows,
    issues: checked.issues.map((i) => ({ row: i.row, column: i.column, message: i.text[locale] })),
    sample: parsed.rows.slice(0, SAMPLE_ROWS).map((r) => ({
      row: r.row,
      name: r.name,
      org: r.org,
      status: r.status ?? "",
    })),
  };
}

/**
 * Writes a checked roster in one transaction: every member, their history rows, their audit
 * rows and one audit row for the import itself, or nothing at all. The file is checked again
 * here, since the roll may have changed since the preview.
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
  const parsed = await read(file, report);
  const rows = parsed.rows.length;
  let refused: { inScope: number; elsewhere: number } | null = null;
  try {
    return await writeRoster(db, actor, deps, file, fileName, parsed, report, (codes) => {
      refused = countRegistered(codes);
    });
  } catch (error) {
    const found = refused as { inScope: number; elsewhere: number } | null;
    if (found && found.inScope + found.elsewhere > 0) {
      await auditIdNumberCheck(db, deps.audit, actor, {
        via: "roster.import",
        checked: rows,
        ...found,
        sha256: sha256(file),
      });
    }
    throw error;
  }
}

const sha256 = (file: Buffer) => createHash("sha256").update(file).digest("hex");

async function writeRoster(
  db: Db,
  actor: Actor,
  deps: { cipher: FieldCipher; audit: AuditActor },
  file: Buffer,
  fileName: string | null,
  parsed: Awaited<ReturnType<typeof read>>,
  report: Report,
  onRefused: (codes: (string | undefined)[]) => void,
): Promise<ImportResponse> {
  return withTx(db, async (tx) => {
    report({ stage: "checking", done: 0, total: parsed.rows.length });
    const checked = await checkRoster(tx, actor, deps.cipher, parsed);
    // The rows now live on as the checked bodies; the file's own objects can go before the
    // write, so a 100,000-row import does not hold both at once (issue 10).
    parsed.rows.length = 0;
    const first = checked.issues[0];
    if (first) {
      onRefused(checked.issues.map((i) => i.code));
      throw new BadInput(
        "file",
        {
          "zh-CN": `名册中有 ${checked.issues.length} 处错误，未写入任何记录，请重新预览`,
          "en-US": `The roster has ${checked.issues.length} errors; nothing was written. Preview it again`,
        },
        "roster_invalid",
      );
    }
    if (checked.bodies.length === 0) {
      throw new BadInput(
        "file",
        { "zh-CN": "名册中没有数据行", "en-US": "The roster has no data rows" },
        "roster_empty",
      );
    }
    report({ stage: "writing", done: 0, total: checked.bodies.length });
    const ids = await writeCheckedMembers(tx, actor, checked.bodies, deps, (done) =>
      report({ stage: "writing", done, total: checked.bodies.length }),
    );
    await recordAudit(tx, deps.audit, {
      action: "roster.import",
      entityType: "roster",
      orgPath: scopePaths(actor, "members:write")[0] ?? null,
      after: {
        fileName,
        sha256: sha256(file),
        created: ids.length,
        memberIds: ids,
      },
    });
    return { created: ids.length };
  });
}
