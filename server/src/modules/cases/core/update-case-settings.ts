import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { can } from "../../../platform/auth/actor.ts";
import { requirePermission } from "../../../platform/auth/plugin.ts";
import type { Db } from "../../../platform/db/pool.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { NotFound } from "../../../platform/errors.ts";
import { pathInScope } from "../../../platform/scope.ts";
import { lookupOrg } from "../../orgs/lookup-org.ts";
import { CASES_HANDLE } from "../cases.policy.ts";
import { type CaseSettings, effectiveSettings, saveSettings } from "./case-settings.repo.ts";

async function managedOrg(db: Db, actor: Actor, orgId: number) {
  requirePermission(can(actor, CASES_HANDLE));
  const org = await lookupOrg(db, { id: orgId });
  if (!org || org.archived || !pathInScope(actor, CASES_HANDLE, org.path)) {
    throw new NotFound({ "zh-CN": "党组织", "en-US": "Organization" });
  }
  return org;
}

/** What applies at an org: its own settings or the nearest ones above it. */
export async function getCaseSettings(db: Db, actor: Actor, orgId: number) {
  const org = await managedOrg(db, actor, orgId);
  return effectiveSettings(db, org.path);
}

/** An org sets its deadlines, retention, and whether it takes anonymous reports (Art 12). */
export async function updateCaseSettings(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  orgId: number,
  settings: CaseSettings,
) {
  const org = await managedOrg(db, actor, orgId);
  return withTx(db, async (tx) => {
    const before = await effectiveSettings(tx, org.path);
    await saveSettings(tx, org.id, settings);
    await recordAudit(tx, audit, {
      action: "case.settings",
      entityType: "org",
      entityId: org.id,
      orgPath: org.path,
      before,
      after: settings,
    });
    return settings;
  });
}
