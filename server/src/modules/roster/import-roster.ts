import { createHash } from "node:crypto";
import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { FieldCipher } from "../../platform/crypto.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput } from "../../platform/errors.ts";
import type { Locale } from "../../platform/i18n.ts";
import { scopePaths } from "../../platform/scope.ts";
import { createMembersBulk } from "../members/create-members-bulk.ts";
import { authorize } from "../members/members.policy.ts";
import { checkRoster } from "./check-roster.ts";
import { parseRoster } from "./parse-roster.ts";
import type { ImportResponse, PreviewResponse } from "./roster.schemas.ts";

const SAMPLE_ROWS = 5;

/** Reads and checks a roster file; writes nothing, so the user can fix the file first. */
export async function previewRoster(
  db: Db,
  actor: Actor,
  cipher: FieldCipher,
  file: Buffer,
  locale: Locale,
): Promise<PreviewResponse> {
  authorize(actor, "create");
  const parsed = await parseRoster(file);
  const checked = await checkRoster(db, actor, cipher, parsed);
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
): Promise<ImportResponse> {
  authorize(actor, "create");
  const parsed = await parseRoster(file);
  return withTx(db, async (tx) => {
    const checked = await checkRoster(tx, actor, deps.cipher, parsed);
    const first = checked.issues[0];
    if (first) {
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
    const ids = await createMembersBulk(tx, actor, checked.bodies, deps);
    await recordAudit(tx, deps.audit, {
      action: "roster.import",
      entityType: "roster",
      orgPath: scopePaths(actor, "members:write")[0] ?? null,
      after: {
        fileName,
        sha256: createHash("sha256").update(file).digest("hex"),
        created: ids.length,
        memberIds: ids,
      },
    });
    return { created: ids.length };
  });
}
