import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { memberNames } from "../members/member-refs.ts";
import { orgLabels } from "../orgs/member-homes.ts";
import { userLabels } from "../users/user-labels.ts";
import { actionsMatching } from "./action-labels.ts";
import { type AuditRow, listAuditEvents as rows } from "./audit-log.repo.ts";
import type { AuditEvent, AuditEventsQuery } from "./audit-log.schemas.ts";

/** Keys in before/after that hold the id of a member, an account or an org. */
const MENTIONS: Record<string, "member" | "user" | "org"> = {
  memberId: "member",
  fromMemberId: "member",
  toMemberId: "member",
  ownerMemberId: "member",
  userId: "user",
  handlerUserId: "user",
  orgId: "org",
  parentId: "org",
  fromOrgId: "org",
  toOrgId: "org",
};

const ids = (value: unknown) =>
  (Array.isArray(value) ? value : [value])
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);

/** The ids a row mentions, by kind: its subject, its org path and the ids in its changes. */
function mentionsOf(r: AuditRow) {
  const out = { member: [] as number[], user: [] as number[], org: [] as number[] };
  const subject = r.entityType === "member" || r.entityType === "user" || r.entityType === "org";
  if (subject && r.entityId) out[r.entityType as keyof typeof out].push(...ids(r.entityId));
  if (r.actorUserId) out.user.push(r.actorUserId);
  out.org.push(...ids((r.orgPath ?? "").split(".")));
  for (const side of [r.before, r.after]) {
    if (!side || typeof side !== "object") continue;
    for (const [key, value] of Object.entries(side)) {
      const kind = MENTIONS[key];
      if (kind) out[kind].push(...ids(value));
    }
  }
  return out;
}

/**
 * The audit log of the caller's subtree as people read it: who by name, which org by name,
 * what record by name. The stored row is returned whole beside these names, unchanged, so an
 * auditor can still see exactly what was recorded.
 */
export async function listAuditEvents(db: Queryable, actor: Actor, q: AuditEventsQuery) {
  const page = await rows(db, actor, q, q.q ? actionsMatching(q.q) : undefined);
  const wanted = { member: new Set<number>(), user: new Set<number>(), org: new Set<number>() };
  for (const r of page.items) {
    const m = mentionsOf(r);
    for (const kind of ["member", "user", "org"] as const)
      for (const id of m[kind]) wanted[kind].add(id);
  }
  const [members, users, orgs] = await Promise.all([
    memberNames(db, [...wanted.member]),
    userLabels(db, [...wanted.user]),
    orgLabels(db, [...wanted.org]),
  ]);
  const nameOf = (kind: "member" | "user" | "org", id: number) =>
    kind === "member"
      ? members.get(id)
      : kind === "user"
        ? users.get(id)?.displayName
        : orgs.get(id)?.name;
  const items: AuditEvent[] = page.items.map((r) => {
    const trail = ids((r.orgPath ?? "").split(".")).map((id) => orgs.get(id)?.name ?? `#${id}`);
    const names: Record<string, string> = {};
    const m = mentionsOf(r);
    for (const kind of ["member", "user", "org"] as const) {
      for (const id of m[kind]) {
        const name = nameOf(kind, id);
        if (name) names[`${kind}:${id}`] = name;
      }
    }
    const subject = r.entityType as "member" | "user" | "org";
    return {
      ...r,
      actorName: r.actorUserId ? (users.get(r.actorUserId)?.displayName ?? null) : null,
      orgName: r.orgPath ? (trail.at(-1) ?? null) : null,
      orgTrail: trail,
      entityName: r.entityId ? (names[`${subject}:${r.entityId}`] ?? null) : null,
      names,
    };
  });
  return { items, total: page.total };
}
