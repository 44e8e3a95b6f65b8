import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../../platform/keyset.ts";
import { scopeClause } from "../../../platform/scope.ts";
import { REGISTRY_OVERSEE } from "../registry.policy.ts";
import type { Account, AccountBody, AccountVersion } from "../registry.schemas.ts";

/** One version as the API shows it; `v` is a registry_account_versions row, `u` its recorder. */
const VERSION_JSON = `json_build_object('version', v.version, 'platform', v.platform,
    'platformOther', v.platform_other, 'name', v.name, 'handle', v.handle, 'link', v.link,
    'ownership', v.ownership, 'unitName', v.unit_name, 'purpose', v.purpose,
    'since', to_char(v.since, 'YYYY-MM-DD'), 'coManagers', v.co_managers, 'status', v.status,
    'changeNote', v.change_note, 'recordedBy', u.display_name,
    'recordedAt', to_char(v.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'))`;

const SELECT = `SELECT a.id,
    json_build_object('id', m.id, 'name', m.name, 'position', m.position) AS member,
    m.org_id AS "orgId", m.org_path::text AS "orgPath",
    (SELECT string_agg(t.name, ' / ' ORDER BY nlevel(t.path)) FROM orgs t
      WHERE t.path @> m.org_path) AS "orgTrail",
    cur.json AS current
  FROM registry_accounts a
  JOIN members m ON m.id = a.member_id
  JOIN orgs o ON o.id = m.org_id
  JOIN LATERAL (SELECT ${VERSION_JSON} AS json, v.status FROM registry_account_versions v
                  JOIN users u ON u.id = v.recorded_by
                 WHERE v.account_id = a.id ORDER BY v.version DESC LIMIT 1) cur ON true`;

export type AccountRow = Omit<Account, "can" | "history"> & { orgPath: string };

export async function insertAccount(tx: Queryable, memberId: number): Promise<number> {
  const r = await tx.query<{ id: string }>(
    "INSERT INTO registry_accounts (member_id) VALUES ($1) RETURNING id",
    [memberId],
  );
  return Number(r.rows[0]?.id);
}

/** Appends the next version; the primary key refuses a second writer of the same number. */
export async function appendVersion(
  tx: Queryable,
  accountId: number,
  body: AccountBody,
  userId: number,
): Promise<number> {
  const r = await tx.query<{ version: number }>(
    `INSERT INTO registry_account_versions (account_id, version, platform, platform_other, name,
       handle, link, ownership, unit_name, purpose, since, co_managers, status, change_note,
       recorded_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
            $13, $14
       FROM registry_account_versions WHERE account_id = $1
     RETURNING version`,
    [
      accountId,
      body.platform,
      body.platform === "other" ? (body.platformOther ?? null) : null,
      body.name,
      body.handle,
      body.link ?? null,
      body.ownership,
      body.ownership === "unit" ? (body.unitName ?? null) : null,
      body.purpose,
      body.since,
      body.coManagers,
      body.status,
      body.changeNote ?? null,
      userId,
    ],
  );
  return Number(r.rows[0]?.version);
}

/** The account with its owner, locked so two saves of one account take turns. */
export async function accountOwner(
  tx: Queryable,
  id: number,
): Promise<{ memberId: number; orgPath: string } | null> {
  const r = await tx.query<{ memberId: string; orgPath: string }>(
    `SELECT a.member_id AS "memberId", m.org_path::text AS "orgPath"
       FROM registry_accounts a JOIN members m ON m.id = a.member_id
      WHERE a.id = $1 FOR UPDATE OF a`,
    [id],
  );
  const row = r.rows[0];
  return row ? { memberId: Number(row.memberId), orgPath: row.orgPath } : null;
}

/** One account the caller reaches: their own, or one in their oversee scope. */
export async function findAccount(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<AccountRow | null> {
  const params: unknown[] = [id, actor.memberId];
  const scope = scopeClause(actor, REGISTRY_OVERSEE, "m.org_path", params);
  const r = await db.query<AccountRow>(
    `${SELECT} WHERE a.id = $1 AND (m.id = $2 OR ${scope})`,
    params,
  );
  return r.rows[0] ?? null;
}

export async function accountHistory(db: Queryable, id: number): Promise<AccountVersion[]> {
  const r = await db.query<{ json: AccountVersion }>(
    `SELECT ${VERSION_JSON} AS json FROM registry_account_versions v
       JOIN users u ON u.id = v.recorded_by
      WHERE v.account_id = $1 ORDER BY v.version DESC`,
    [id],
  );
  return r.rows.map((row) => row.json);
}

/** The member's own accounts, open ones first, then by when they were registered. */
export async function accountsOfMember(db: Queryable, memberId: number): Promise<AccountRow[]> {
  const r = await db.query<AccountRow>(
    `${SELECT} WHERE a.member_id = $1 ORDER BY cur.status, a.id`,
    [memberId],
  );
  return r.rows;
}

// By org (statistics code, so a committee's branches come in their order), then cadre, then id.
const ORDER: KeyColumn[] = [
  { sql: "o.code", type: "text" },
  { sql: "m.name", type: "text" },
  { sql: "a.id", type: "int" },
];

/** The accounts of active cadres under `orgPath` (or all the caller's scope), keyset-paged. */
export async function listAccounts(
  db: Queryable,
  actor: Actor,
  filter: { orgPath?: string; status?: "active" | "closed"; after?: string; limit: number },
): Promise<{ items: AccountRow[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  const where = [scopeClause(actor, REGISTRY_OVERSEE, "m.org_path", params)];
  where.push("m.archived_at IS NULL");
  if (filter.orgPath) {
    params.push(filter.orgPath);
    where.push(`m.org_path <@ $${params.length}::ltree`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`cur.status = $${params.length}`);
  }
  const after = keysetAfter(ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const r = await db.query<AccountRow & { keysetCursor: unknown[] }>(
    `${SELECT.replace("SELECT ", `SELECT ${keysetSelect(ORDER)}, `)}
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(r.rows, filter.limit);
}

/** The accounts and versions a cadre has now, as an attestation confirms them. */
export async function currentVersions(
  db: Queryable,
  memberId: number,
): Promise<{ id: number; version: number; status: string }[]> {
  const r = await db.query<{ id: string; version: number; status: string }>(
    `SELECT a.id, v.version, v.status FROM registry_accounts a
       JOIN LATERAL (SELECT version, status FROM registry_account_versions
                      WHERE account_id = a.id ORDER BY version DESC LIMIT 1) v ON true
      WHERE a.member_id = $1 ORDER BY a.id`,
    [memberId],
  );
  return r.rows.map((row) => ({ id: Number(row.id), version: row.version, status: row.status }));
}
