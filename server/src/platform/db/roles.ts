import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { Queryable } from "./pool.ts";

/** The login the embedded default gives the server; migrations run as the cluster's owner. */
export const EMBEDDED_APP_ROLE = "wanggui_app";

const IDENTIFIER = /^[a-z_][a-z0-9_$]{0,62}$/;

function quoteRole(role: string): string {
  if (!IDENTIFIER.test(role)) throw new Error(`数据库角色名 ${role} 不是普通标识符`);
  return `"${role}"`;
}

/**
 * Gives the application role what the server needs and nothing more: data in the business
 * tables, INSERT and SELECT on the audit log, sealing only through `audit_seal`, the job
 * queue's tables, and no ownership, so no DDL and no way to switch a guard off. Runs as the
 * owner after every migration, so tables added later are covered too.
 */
export async function grantAppRole(owner: Queryable, appRole: string): Promise<void> {
  const app = quoteRole(appRole);
  const database = (await owner.query<{ db: string }>("SELECT current_database() AS db")).rows[0]
    ?.db;
  await owner.query(`
    GRANT CONNECT, TEMPORARY ON DATABASE "${database}" TO ${app};
    GRANT USAGE ON SCHEMA public TO ${app};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app};
    REVOKE ALL ON audit_events, audit_chain_head, audit_settings, schema_migrations FROM ${app};
    GRANT SELECT, INSERT ON audit_events TO ${app};
    GRANT SELECT ON audit_chain_head, audit_settings, schema_migrations TO ${app};
    GRANT EXECUTE ON FUNCTION audit_seal(integer) TO ${app};
    GRANT USAGE ON SCHEMA graphile_worker TO ${app};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${app};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${app};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${app};
  `);
  // graphile-worker turns row-level security on for its private tables with no policy, so
  // any role but the owner sees an empty queue; the app role gets the whole queue.
  await owner.query(`DO $$
    DECLARE t record;
    BEGIN
      FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'graphile_worker' AND c.relrowsecurity
      LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'graphile_worker'
                          AND tablename = t.relname AND policyname = 'app ${appRole}') THEN
          EXECUTE format('CREATE POLICY %I ON graphile_worker.%I FOR ALL TO ${app} USING (true) WITH CHECK (true)',
                         'app ${appRole}', t.relname);
        END IF;
      END LOOP;
    END $$`);
}

export interface LoginPrivileges {
  role: string;
  superuser: boolean;
  /** Owns the audit table, so it could switch the guards off or re-hash the chain. */
  ownsAuditLog: boolean;
}

export async function loginPrivileges(db: Queryable): Promise<LoginPrivileges> {
  const result = await db.query<LoginPrivileges>(
    `SELECT current_user AS role, r.rolsuper AS superuser,
            pg_has_role(current_user, c.relowner, 'USAGE') AS "ownsAuditLog"
       FROM pg_roles r, pg_class c
      WHERE r.rolname = current_user AND c.oid = 'audit_events'::regclass`,
  );
  const row = result.rows[0];
  if (!row) throw new Error("audit_events is missing: run the migrations first");
  return row;
}

/** One line for the operator when the server's login could rewrite what it is audited by. */
export function leastPrivilegeWarning(login: LoginPrivileges): string | null {
  if (!login.superuser && !login.ownsAuditLog) return null;
  return `警告：服务端以数据库角色 ${login.role} 连接，它${login.superuser ? "是超级用户" : "拥有数据表"}，可以清空或改写审计日志（签名检查点仍能发现）。请按 README「数据库角色」另设应用角色，并用 DATABASE_OWNER_URL 指定迁移所用的属主角色。`;
}

/**
 * The embedded default's application login: created on first start with a password kept
 * beside the cluster's own (0600), and granted by the owner after each migration.
 */
export async function ensureEmbeddedAppRole(ownerUrl: string, dataDir: string): Promise<string> {
  const file = path.join(dataDir, "pg-app.json");
  const stored = existsSync(file)
    ? (JSON.parse(await readFile(file, "utf8")) as { password: string })
    : null;
  const password = stored?.password ?? randomBytes(24).toString("base64url");
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [
      EMBEDDED_APP_ROLE,
    ]);
    // The password is base64url, so it needs no quoting beyond the literal's own.
    if (found.rowCount === 0) {
      await client.query(
        `CREATE ROLE ${EMBEDDED_APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`,
      );
    } else if (!stored) {
      await client.query(`ALTER ROLE ${EMBEDDED_APP_ROLE} PASSWORD '${password}'`);
    }
  } finally {
    await client.end();
  }
  if (!stored) await writeFile(file, JSON.stringify({ password }), { mode: 0o600 });
  const url = new URL(ownerUrl);
  url.username = EMBEDDED_APP_ROLE;
  url.password = password;
  return url.toString();
}
