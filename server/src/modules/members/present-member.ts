import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { orgLabels } from "../orgs/member-homes.ts";
import type { OrgRef } from "../orgs/orgs.schemas.ts";
import { memberAccountStates } from "../users/member-accounts.ts";
import type { HistoryRow } from "./member-history.repo.ts";
import { memberAbilities, seesBirthDate } from "./members.policy.ts";
import type { MemberRow } from "./members.repo.ts";
import type { HistoryEntry, Member } from "./members.schemas.ts";

const unknownOrg = (id: number): OrgRef => ({ id, kind: "branch", name: "", code: "" });

/** Members as the API shows them: masks only, their org's name, and the caller's abilities. */
export async function presentMembers(
  db: Queryable,
  actor: Actor,
  rows: MemberRow[],
): Promise<Member[]> {
  const [orgs, account] = await Promise.all([
    orgLabels(
      db,
      rows.map((r) => r.orgId),
    ),
    memberAccountStates(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((row) => {
    const { orgId, orgPath, birthDate, ...rest } = row;
    return {
      ...rest,
      birthDate: seesBirthDate(actor, row) ? birthDate : null,
      birthYear: Number(birthDate.slice(0, 4)),
      org: orgs.get(orgId) ?? unknownOrg(orgId),
      account: account(row.id),
      can: memberAbilities(actor, row, account(row.id)),
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
