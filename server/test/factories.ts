import { randomInt } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { PI_NOTICE_VERSION } from "../src/platform/auth/consent.ts";
import { hashPassword } from "../src/platform/auth/password.ts";
import type { Role } from "../src/platform/auth/permissions.ts";
import { createSession, SESSION_COOKIE, type SessionStage } from "../src/platform/auth/sessions.ts";
import { maskIdNumber, maskPhone } from "../src/platform/crypto.ts";
import type { Db } from "../src/platform/db/pool.ts";
import { testCipher } from "./db.ts";

export interface TestOrg {
  id: number;
  path: string;
  code: string;
  name: string;
}

const KIND_NAMES = {
  committee: "党委",
  general_branch: "党总支",
  branch: "党支部",
  group: "党小组",
} as const;

let counter = 0;
const next = () => ++counter;

/** Inserts an org directly, so tests of other modules do not depend on the orgs service. */
export async function buildOrg(
  db: Db,
  opts: { parent?: TestOrg; kind?: keyof typeof KIND_NAMES; name?: string } = {},
): Promise<TestOrg> {
  const kind = opts.kind ?? (opts.parent ? "branch" : "committee");
  const name =
    opts.name ??
    `测试${["城关", "东街", "西湖", "南山", "北苑"][next() % 5]}${next()}${KIND_NAMES[kind]}`;
  // The next free code after the siblings' highest, as the orgs service picks it: a count
  // would reuse a code once a sibling has been moved away.
  const last = await db.query<{ code: string | null }>(
    "SELECT max(code) AS code FROM orgs WHERE parent_id IS NOT DISTINCT FROM $1",
    [opts.parent?.id ?? null],
  );
  const lastCode = last.rows[0]?.code;
  const code = `${opts.parent?.code ?? ""}${String((lastCode ? Number(lastCode.slice(-3)) : 0) + 1).padStart(3, "0")}`;
  const reserved = await db.query<{ id: number }>(
    "SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::bigint AS id",
  );
  const id = Number(reserved.rows[0]?.id);
  const path = opts.parent ? `${opts.parent.path}.${id}` : String(id);
  await db.query(
    `INSERT INTO orgs (id, parent_id, kind, name, code, path) OVERRIDING SYSTEM VALUE
     VALUES ($1, $2, $3, $4, $5, $6::ltree)`,
    [id, opts.parent?.id ?? null, kind, name, code, path],
  );
  return { id, path, code, name };
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = ["建国", "秀英", "志强", "海燕", "卫东", "丽娟", "文博", "晓明", "红梅", "德胜"];

export interface TestMember {
  id: number;
  name: string;
  orgId: number;
  idNumber: string;
  phone: string;
}

export async function buildMember(
  db: Db,
  opts: { org: TestOrg; name?: string; isCadre?: boolean; status?: "full" | "probationary" },
): Promise<TestMember> {
  const n = next();
  const name = opts.name ?? `${SURNAMES[n % SURNAMES.length]}${GIVEN[n % GIVEN.length]}`;
  const idNumber = `110105${1960 + (n % 40)}0${(n % 9) + 1}1${n % 10}${String(randomInt(100, 999))}${n % 10}`;
  const phone = `139${String(randomInt(10_000_000, 99_999_999))}`;
  const inserted = await db.query<{ id: number }>(
    `INSERT INTO members (org_id, org_path, name, gender, birth_date, id_number_enc, id_number_masked,
       id_number_digest, phone_enc, phone_masked, status, joined_on, is_cadre, position)
     VALUES ($1, $2::ltree, $3, $4, '1975-06-01', $5, $6, $7, $8, $9, $10, '2001-07-01', $11, $12)
     RETURNING id`,
    [
      opts.org.id,
      opts.org.path,
      name,
      n % 2 ? "male" : "female",
      testCipher.encrypt(idNumber),
      maskIdNumber(idNumber),
      testCipher.digest(`${idNumber}:${n}`),
      testCipher.encrypt(phone),
      maskPhone(phone),
      opts.status ?? "full",
      opts.isCadre ?? false,
      opts.isCadre ? "党支部书记" : null,
    ],
  );
  return { id: Number(inserted.rows[0]?.id), name, orgId: opts.org.id, idNumber, phone };
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
}

export async function buildUser(
  db: Db,
  opts: {
    role: Role;
    at: TestOrg;
    member?: TestMember;
    mustChangePassword?: boolean;
    /** The notice version consented to; the current one unless a test says otherwise. */
    piConsentVersion?: string | null;
  },
): Promise<TestUser> {
  const username = `u${next()}_${randomInt(1000, 9999)}`;
  const password = "Wanggui-2024-test";
  const inserted = await db.query<{ id: number }>(
    `INSERT INTO users (username, display_name, member_id, password_hash, must_change_password, pi_consent_at, pi_consent_version)
     VALUES ($1, $2, $3, $4, $5, now(), $6) RETURNING id`,
    [
      username,
      opts.member?.name ?? `测试用户${username}`,
      opts.member?.id ?? null,
      await hashPassword(password),
      opts.mustChangePassword ?? false,
      opts.piConsentVersion === undefined ? PI_NOTICE_VERSION : opts.piConsentVersion,
    ],
  );
  const id = Number(inserted.rows[0]?.id);
  await db.query("INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, $2, $3)", [
    id,
    opts.role,
    opts.at.id,
  ]);
  return { id, username, password };
}

export interface SignedIn {
  /** Headers for app.inject: the session cookie and, for writes, the CSRF token. */
  headers: Record<string, string>;
  csrfToken: string;
}

/**
 * A session straight in the database, skipping the login form (tested on its own). An active
 * session counts as having proved the second factor, as an administrator's would have.
 */
export async function signIn(
  db: Db,
  user: TestUser,
  stage: SessionStage = "active",
): Promise<SignedIn> {
  const { token, csrfToken } = await createSession(db, user.id, stage, {
    mfa: stage === "active",
  });
  return {
    headers: { cookie: `${SESSION_COOKIE}=${token}`, "x-csrf-token": csrfToken },
    csrfToken,
  };
}

export type { FastifyInstance };
