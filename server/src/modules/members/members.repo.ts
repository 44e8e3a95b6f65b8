import type { Actor } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import { arrayLiteral } from "../../platform/db/array-literal.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { scopeClause } from "../../platform/scope.ts";
import type { ListMembersQuery } from "./members.schemas.ts";

/** A member row as services see it: masks only; the sealed values stay in the repo. */
export interface MemberRow {
  id: number;
  orgId: number;
  orgPath: string;
  name: string;
  gender: "male" | "female";
  ethnicity: string | null;
  birthDate: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  status: "full" | "probationary";
  joinedOn: string;
  confirmedOn: string | null;
  isCadre: boolean;
  position: string | null;
  archivedAt: string | null;
  archiveReason: string | null;
}

interface DbMemberRow {
  id: number;
  org_id: number;
  org_path: string;
  name: string;
  gender: "male" | "female";
  ethnicity: string | null;
  birth_date: string;
  id_number_masked: string;
  phone_masked: string | null;
  status: "full" | "probationary";
  joined_on: string;
  confirmed_on: string | null;
  is_cadre: boolean;
  position: string | null;
  archived_at: Date | null;
  archive_reason: string | null;
}

const COLUMNS = `m.id, m.org_id, m.org_path::text AS org_path, m.name, m.gender, m.ethnicity,
  m.birth_date, m.id_number_masked, m.phone_masked, m.status, m.joined_on, m.confirmed_on,
  m.is_cadre, m.position, m.archived_at, m.archive_reason`;

/** The one place a members row becomes a MemberRow. */
function toMember(row: DbMemberRow): MemberRow {
  return {
    id: row.id,
    orgId: row.org_id,
    orgPath: row.org_path,
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    birthDate: row.birth_date,
    idNumberMasked: row.id_number_masked,
    phoneMasked: row.phone_masked,
    status: row.status,
    joinedOn: row.joined_on,
    confirmedOn: row.confirmed_on,
    isCadre: row.is_cadre,
    position: row.position,
    archivedAt: row.archived_at ? row.archived_at.toISOString() : null,
    archiveReason: row.archive_reason,
  };
}

/** What is written for a member: the clear sensitive values never reach this layer. */
export interface MemberWrite {
  orgId: number;
  orgPath: string;
  name: string;
  gender: "male" | "female";
  ethnicity: string | null;
  birthDate: string;
  idNumberEnc: Buffer;
  idNumberMasked: string;
  idNumberDigest: string;
  phoneEnc: Buffer | null;
  phoneMasked: string | null;
  status: "full" | "probationary";
  joinedOn: string;
  confirmedOn: string | null;
  isCadre: boolean;
  position: string | null;
}

const SORT_COLUMNS: Record<ListMembersQuery["sort"], string> = {
  name: "m.name",
  joinedOn: "m.joined_on",
  birthDate: "m.birth_date",
  id: "m.id",
};

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface MemberFilter extends Omit<ListMembersQuery, "orgId"> {
  /** The org subtree to list, already resolved and scope-checked by the orgs service. */
  orgPath: string | null;
}

function listWhere(actor: Actor, filter: MemberFilter, params: unknown[]): string {
  const where = [scopeClause(actor, "members:read", "m.org_path", params)];
  if (filter.orgPath) {
    params.push(filter.orgPath);
    where.push(`m.org_path <@ $${params.length}::ltree`);
  }
  if (!filter.includeArchived) where.push("m.archived_at IS NULL");
  if (filter.status) {
    params.push(filter.status);
    where.push(`m.status = $${params.length}`);
  }
  if (filter.isCadre !== undefined) {
    params.push(filter.isCadre);
    where.push(`m.is_cadre = $${params.length}`);
  }
  if (filter.name) {
    const escaped = likeEscape(filter.name);
    params.push(filter.nameMatch === "prefix" ? `${escaped}%` : `%${escaped}%`);
    where.push(`m.name LIKE $${params.length}`);
  }
  return where.join(" AND ");
}

/**
 * True when the per-org counts can answer the total: active members only, narrowed by scope,
 * org subtree, status and cadre flag but not by name.
 */
export function countableFromRollup(filter: MemberFilter): boolean {
  return !filter.includeArchived && filter.name === undefined;
}

/**
 * One page of members plus whether more follow (one row is read past the page to know). With
 * `afterId` the page starts after that member in the sort order, by index (keyset), so page
 * 500 costs what page 1 does; a member outside the caller's scope as cursor gives no rows.
 */
export async function listMembers(
  db: Queryable,
  actor: Actor,
  filter: MemberFilter & { afterId?: number },
): Promise<{ rows: MemberRow[]; hasMore: boolean }> {
  const params: unknown[] = [];
  const where = [listWhere(actor, filter, params)];
  const dir = filter.order === "desc" ? "DESC" : "ASC";
  // Names sharing a prefix sit together in the name index, which the planner does not know: it
  // would walk that index from the start filtering by prefix. `|| ''` keeps the order but lets
  // it fetch the prefix range (members_name) and sort only those rows.
  const sort =
    filter.sort === "name" && filter.name && filter.nameMatch === "prefix"
      ? "(m.name || '')"
      : SORT_COLUMNS[filter.sort];
  let offset = (filter.page - 1) * filter.pageSize;
  if (filter.afterId !== undefined) {
    offset = 0;
    params.push(filter.afterId);
    const at = `$${params.length}::bigint`;
    const scope = scopeClause(actor, "members:read", "c.org_path", params);
    const column = SORT_COLUMNS[filter.sort].replace("m.", "c.");
    where.push(
      `(${SORT_COLUMNS[filter.sort]}, m.id) ${dir === "DESC" ? "<" : ">"}
        ((SELECT ${column} FROM members c WHERE c.id = ${at} AND ${scope}), ${at})`,
    );
  }
  params.push(filter.pageSize + 1, offset);
  const result = await db.query<DbMemberRow>(
    `SELECT ${COLUMNS} FROM members m WHERE ${where.join(" AND ")}
      ORDER BY ${sort} ${dir}, m.id ${dir}
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  const rows = result.rows.map(toMember);
  const hasMore = rows.length > filter.pageSize;
  return { rows: hasMore ? rows.slice(0, filter.pageSize) : rows, hasMore };
}

export async function countMembers(
  db: Queryable,
  actor: Actor,
  filter: MemberFilter,
): Promise<number> {
  const params: unknown[] = [];
  const where = listWhere(actor, filter, params);
  const result = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM members m WHERE ${where}`,
    params,
  );
  return result.rows[0]?.n ?? 0;
}

/** One member in the caller's scope for `permission`; `lock` takes the row for a change. */
export async function findMember(
  db: Queryable,
  actor: Actor,
  permission: Permission,
  id: number,
  lock = false,
): Promise<MemberRow | null> {
  const params: unknown[] = [id];
  const scope = scopeClause(actor, permission, "m.org_path", params);
  const result = await db.query<DbMemberRow>(
    `SELECT ${COLUMNS} FROM members m WHERE m.id = $1 AND ${scope}${lock ? " FOR UPDATE" : ""}`,
    params,
  );
  return result.rows[0] ? toMember(result.rows[0]) : null;
}

/** The caller's own member record (the member role's self scope): by their linked member id. */
export async function findOwnMember(db: Queryable, actor: Actor): Promise<MemberRow | null> {
  if (actor.memberId === null) return null;
  const result = await db.query<DbMemberRow>(`SELECT ${COLUMNS} FROM members m WHERE m.id = $1`, [
    actor.memberId,
  ]);
  return result.rows[0] ? toMember(result.rows[0]) : null;
}

/** A sealed sensitive value of a member already found in scope. */
export async function sealedField(
  db: Queryable,
  id: number,
  field: "idNumber" | "phone",
): Promise<Buffer | null> {
  const column = field === "idNumber" ? "id_number_enc" : "phone_enc";
  const result = await db.query<{ sealed: Buffer | null }>(
    `SELECT ${column} AS sealed FROM members WHERE id = $1`,
    [id],
  );
  return result.rows[0]?.sealed ?? null;
}

/** The sealed ID numbers and phones of those of `ids` in the caller's members:reveal scope. */
export async function sealedFieldsOf(
  db: Queryable,
  actor: Actor,
  ids: number[],
): Promise<Map<number, { idNumber: Buffer; phone: Buffer | null }>> {
  if (ids.length === 0) return new Map();
  const params: unknown[] = [ids];
  const scope = scopeClause(actor, "members:reveal", "m.org_path", params);
  const result = await db.query<{ id: number; id_number_enc: Buffer; phone_enc: Buffer | null }>(
    `SELECT m.id, m.id_number_enc, m.phone_enc FROM members m
      WHERE m.id = ANY($1::bigint[]) AND ${scope}`,
    params,
  );
  return new Map(
    result.rows.map((r) => [Number(r.id), { idNumber: r.id_number_enc, phone: r.phone_enc }]),
  );
}

export async function idNumberDigestOf(db: Queryable, id: number): Promise<string | undefined> {
  const r = await db.query<{ d: string }>(
    "SELECT id_number_digest AS d FROM members WHERE id = $1",
    [id],
  );
  return r.rows[0]?.d;
}

/**
 * Which of these ID-number digests are already on the roll (any org, archived or not), with
 * the org path of the record holding each. Callers tell the caller only about records in
 * their own scope (registeredRule).
 */
export async function existingDigests(
  db: Queryable,
  digests: string[],
): Promise<Map<string, string>> {
  if (digests.length === 0) return new Map();
  const result = await db.query<{ d: string; path: string }>(
    `SELECT id_number_digest AS d, org_path::text AS path FROM members
      WHERE id_number_digest = ANY($1::text[])`,
    [arrayLiteral(digests)],
  );
  return new Map(result.rows.map((r) => [r.d, r.path]));
}

/** Inserts many members with one statement, and opens each one's org history row. */
export async function insertMembers(
  tx: Queryable,
  rows: MemberWrite[],
  recordedBy: number | null,
): Promise<number[]> {
  // Sent as literals built in one pass: node-postgres's own array serializer was the largest
  // source of garbage in a 100,000-row import (issue 10, platform/db/array-literal.ts).
  const col = <K extends keyof MemberWrite>(k: K) => arrayLiteral(rows.map((r) => r[k]));
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO members (org_id, org_path, name, gender, ethnicity, birth_date, id_number_enc,
       id_number_masked, id_number_digest, phone_enc, phone_masked, status, joined_on,
       confirmed_on, is_cadre, position)
     SELECT * FROM unnest($1::bigint[], $2::ltree[], $3::text[], $4::text[], $5::text[],
       $6::date[], $7::bytea[], $8::text[], $9::text[], $10::bytea[], $11::text[], $12::text[],
       $13::date[], $14::date[], $15::boolean[], $16::text[])
     RETURNING id`,
    [
      col("orgId"),
      col("orgPath"),
      col("name"),
      col("gender"),
      col("ethnicity"),
      col("birthDate"),
      col("idNumberEnc"),
      col("idNumberMasked"),
      col("idNumberDigest"),
      col("phoneEnc"),
      col("phoneMasked"),
      col("status"),
      col("joinedOn"),
      col("confirmedOn"),
      col("isCadre"),
      col("position"),
    ],
  );
  const ids = inserted.rows.map((r) => r.id);
  await tx.query(
    `INSERT INTO member_org_history (member_id, org_id, from_date, reason, recorded_by)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::text[], $5::bigint[])`,
    [
      arrayLiteral(ids),
      col("orgId"),
      col("joinedOn"),
      arrayLiteral(rows.map(() => "建档")),
      arrayLiteral(rows.map(() => recordedBy)),
    ],
  );
  return ids;
}

export type MemberChanges = Partial<
  Omit<MemberWrite, "orgId" | "orgPath" | "idNumberEnc" | "phoneEnc"> & {
    idNumberEnc: Buffer;
    phoneEnc: Buffer | null;
  }
>;

const CHANGE_COLUMNS: Record<keyof MemberChanges, string> = {
  name: "name",
  gender: "gender",
  ethnicity: "ethnicity",
  birthDate: "birth_date",
  idNumberEnc: "id_number_enc",
  idNumberMasked: "id_number_masked",
  idNumberDigest: "id_number_digest",
  phoneEnc: "phone_enc",
  phoneMasked: "phone_masked",
  status: "status",
  joinedOn: "joined_on",
  confirmedOn: "confirmed_on",
  isCadre: "is_cadre",
  position: "position",
};

export async function updateMember(tx: Queryable, id: number, changes: MemberChanges) {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [
    keyof MemberChanges,
    unknown,
  ][];
  if (entries.length === 0) return;
  const sets = entries.map(([k], i) => `${CHANGE_COLUMNS[k]} = $${i + 2}`);
  await tx.query(`UPDATE members SET ${sets.join(", ")}, updated_at = now() WHERE id = $1`, [
    id,
    ...entries.map(([, v]) => v),
  ]);
}

/** China's calendar date, from the database's clock. */
export async function chinaToday(db: Queryable): Promise<string> {
  const result = await db.query<{ d: string }>("SELECT cn_today() AS d");
  return result.rows[0]?.d ?? new Date().toISOString().slice(0, 10);
}

/** True for the unique violation of the ID-number digest (a race past the pre-check). */
export function isDuplicateIdNumber(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: string }).code === "23505" &&
    (error as { constraint?: string }).constraint === "members_id_number_digest_key"
  );
}
