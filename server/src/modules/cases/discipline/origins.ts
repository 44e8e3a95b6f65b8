import { type Actor, can } from "../../../platform/auth/actor.ts";
import { requirePermission } from "../../../platform/auth/plugin.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { BadInput, Conflict } from "../../../platform/errors.ts";
import { scopeClause } from "../../../platform/scope.ts";
import { findingForCase } from "../../registry/declarations/record-finding.ts";
import { REGISTRY_OVERSEE } from "../../registry/registry.policy.ts";
import { CASES_HANDLE } from "../cases.policy.ts";

/**
 * Where a discipline case may come from besides another case: a finding on a cadre's
 * declaration marked 「需立案审查」, or a review meeting. The pickers of the open form list them
 * from here, so a handler chooses one they can reach instead of typing an id.
 */

/**
 * Findings marked for a case that no case has been opened from yet, on cadres the caller both
 * oversees in the registry and may handle a case for. Never the caller's own declaration.
 */
export async function pendingFindings(db: Queryable, actor: Actor) {
  requirePermission(can(actor, CASES_HANDLE));
  const params: unknown[] = [actor.memberId];
  const oversee = scopeClause(actor, REGISTRY_OVERSEE, "m.org_path", params);
  const handle = scopeClause(actor, CASES_HANDLE, "m.org_path", params);
  const r = await db.query<{
    id: number;
    finding: string;
    version: number;
    recordedBy: string;
    recordedAt: string;
    declarationId: number;
    campaignTitle: string;
    member: { id: number; name: string; position: string | null };
    orgName: string;
  }>(
    `SELECT f.id::int, f.finding, f.version, u.display_name AS "recordedBy",
            to_char(f.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "recordedAt",
            d.id::int AS "declarationId", c.title AS "campaignTitle",
            json_build_object('id', m.id, 'name', m.name, 'position', m.position) AS member,
            o.name AS "orgName"
       FROM registry_declaration_findings f
       JOIN registry_declarations d ON d.id = f.declaration_id
       JOIN registry_declaration_campaigns c ON c.id = d.campaign_id
       JOIN members m ON m.id = d.member_id
       JOIN orgs o ON o.id = m.org_id
       JOIN users u ON u.id = f.recorded_by
      WHERE f.refer_to_case AND m.archived_at IS NULL
        AND m.id IS DISTINCT FROM $1::bigint AND ${oversee} AND ${handle}
        AND NOT EXISTS (SELECT 1 FROM discipline_cases x WHERE x.origin_finding_id = f.id)
      ORDER BY f.recorded_at DESC, f.id DESC LIMIT 100`,
    params,
  );
  return r.rows;
}

/** Review meetings of the caller's handling scope, newest first, for the open form's picker. */
export async function meetingsForOrigin(db: Queryable, actor: Actor) {
  requirePermission(can(actor, CASES_HANDLE));
  const params: unknown[] = [];
  const scope = scopeClause(actor, CASES_HANDLE, "org_path", params);
  const r = await db.query<{ id: number; heldOn: string; orgName: string; topic: string }>(
    `SELECT id::int, held_on::text AS "heldOn", org_name AS "orgName", topic
       FROM review_meetings WHERE ${scope}
      ORDER BY held_on DESC, id DESC LIMIT 100`,
    params,
  );
  return r.rows;
}

/**
 * The finding a case is being opened from: marked for a case, on a declaration the caller
 * oversees, and not yet the origin of another case. The finding row is locked so two handlers
 * opening from it at once are serialised; the second is told it is taken.
 */
export async function findingOrigin(tx: Queryable, actor: Actor, findingId: number) {
  const found = await findingForCase(tx, actor, findingId);
  if (!found) {
    throw new BadInput("findingId", {
      "zh-CN": "找不到该核查意见，或其未标记为需立案审查",
      "en-US": "No finding marked for a case in your scope",
    });
  }
  await tx.query("SELECT 1 FROM registry_declaration_findings WHERE id = $1 FOR UPDATE", [
    findingId,
  ]);
  const taken = await tx.query(
    "SELECT 1 FROM discipline_cases WHERE origin_finding_id = $1 LIMIT 1",
    [findingId],
  );
  if (taken.rowCount) {
    throw new Conflict(
      { "zh-CN": "已据此核查意见立案审查", "en-US": "A case was already opened from this finding" },
      "findingId",
    );
  }
  return found;
}

/** The finding a case came from, as its handlers see it; null when they no longer reach it. */
export async function findingOfCase(db: Queryable, actor: Actor, findingId: number) {
  const found = await findingForCase(db, actor, findingId);
  if (!found) return { id: findingId, visible: false as const };
  const campaign = await db.query<{ title: string }>(
    `SELECT c.title FROM registry_declarations d
       JOIN registry_declaration_campaigns c ON c.id = d.campaign_id WHERE d.id = $1`,
    [found.declarationId],
  );
  return {
    id: findingId,
    visible: true as const,
    declarationId: found.declarationId,
    campaignTitle: campaign.rows[0]?.title ?? "",
    finding: found.finding.finding,
    version: found.finding.version,
    recordedBy: found.finding.recordedBy,
    recordedAt: found.finding.recordedAt,
  };
}
