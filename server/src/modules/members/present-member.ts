import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { orgLabels } from "../orgs/member-homes.ts";
import type { OrgRef } from "../orgs/orgs.schemas.ts";
import { memberAbilities } from "./members.policy.ts";
import type { HistoryRow, MemberRow } from "./members.repo.ts";
import type { HistoryEntry, Member } from "./members.schemas.ts";

const unknownOrg = (id: number): OrgRef => ({ id, kind: "branch", name: "", code: "" });

/** Members as the API shows them: masks only, their org's name, and the caller's abilities. */
export async function presentMembers(
  db: Queryable,
  actor: Actor,
  rows: MemberRow[],
): Promise<Member[]> {
  const orgs = await orgLabels(
    db,
    rows.map((r) => r.orgId),
  );
  return rows.map((row) => {
    const { orgId, orgPath, ...rest } = row;
    return {
      ...rest,
      org: orgs.get(orgId) ?? unknownOrg(orgId),
      can: memberAbilities(actor, row),
    };
  });
}

export async function presentHistory(db: Queryable, rows: HistoryRow[]): Promise<HistoryEntry[]> {
  const orgs = await orgLabels(
    db,
    rows.map((r) => r.orgId),
  );
  return rows.map(({ orgId, ...rest }) => ({ ...rest, org: orgs.get(orgId) ?? unknownOrg(orgId) }));
}

/** A member for the audit log: masks, never the clear ID number or phone. */
export function auditMember(row: MemberRow) {
  const { archivedAt, archiveReason, ...rest } = row;
  return { ...rest, ...(archivedAt ? { archivedAt, archiveReason } : {}) };
}
