import { type AuditActor, recordAudit } from "../platform/audit/record.ts";
import type { Role } from "../platform/auth/permissions.ts";
import type { AppContext } from "../platform/context.ts";
import { type Tx, withTx } from "../platform/db/pool.ts";
import { createSeedAccount, firstMemberOf } from "./accounts.ts";
import { DEMO_TREE, seedDemoOrgs } from "./demo.ts";
import { type LoadedOrg, loadOrgs } from "./load.ts";

export interface Credential {
  username: string;
  password: string;
  role: Role;
  org: string;
  note: string;
}

const ADMINS: { username: string; role: Role; displayName: string }[] = [
  { username: "sysadmin", role: "system_admin", displayName: "系统管理员" },
  { username: "secadmin", role: "security_admin", displayName: "安全保密管理员" },
  { username: "auditadmin", role: "audit_admin", displayName: "安全审计员" },
];

/**
 * Loads the demo city and one demo account per business role. Demo accounts hold no
 * administrator role (三员 accounts are real ones, below), must change the printed password at
 * first sign-in, and are flagged so the web app shows the demo banner and a production start
 * refuses to run until `wanggui seed demo --remove` has disabled them.
 */
export async function seedDemo(tx: Tx, ctx: AppContext, actor: AuditActor) {
  const demo = await seedDemoOrgs(tx, ctx.cipher);
  const org = (name: string) => demo.byName.get(name) as LoadedOrg;
  const root = org(DEMO_TREE.name);
  const xingfu = org("城关街道幸福社区党支部");
  const secretary = await firstMemberOf(tx, xingfu, 0);
  const member = await firstMemberOf(tx, xingfu, 3);
  const plan: {
    username: string;
    role: Role;
    at: LoadedOrg;
    member?: { id: number; name: string } | null;
    label: string;
    note: string;
  }[] = [
    {
      username: "demo.secretary",
      role: "secretary",
      at: xingfu,
      member: secretary,
      label: "幸福社区党支部书记",
      note: "党支部书记：管理本支部党员",
    },
    {
      username: "demo.member",
      role: "member",
      at: xingfu,
      member,
      label: "幸福社区党员",
      note: "普通党员：学习与自查",
    },
    {
      username: "demo.county",
      role: "secretary",
      at: org("中共青山市东湖县委员会"),
      label: "东湖县委组织部",
      note: "县委：查看全县下级组织",
    },
    {
      username: "demo.discipline",
      role: "discipline_officer",
      at: root,
      label: "市纪委干部",
      note: "纪检干部",
    },
    {
      username: "demo.propaganda",
      role: "propaganda_officer",
      at: root,
      label: "市委宣传部干部",
      note: "宣传干部",
    },
  ];
  const credentials: Credential[] = [];
  for (const p of plan) {
    const password = await createSeedAccount(tx, actor, {
      username: p.username,
      displayName: p.member ? `${p.member.name}（${p.label}）` : p.label,
      role: p.role,
      org: p.at,
      memberId: p.member?.id ?? null,
      mustChangePassword: true,
      isDemo: true,
    });
    credentials.push({
      username: p.username,
      password,
      role: p.role,
      org: demoName(demo.byName, p.at),
      note: p.note,
    });
  }
  await recordAudit(tx, actor, {
    action: "seed.demo",
    entityType: "org",
    entityId: root.id,
    orgPath: root.path,
    after: { orgs: demo.byName.size, members: demo.members },
  });
  return { root, credentials, orgs: demo.byName.size, members: demo.members };
}

function demoName(byName: Map<string, LoadedOrg>, org: LoadedOrg): string {
  for (const [name, loaded] of byName) if (loaded.id === org.id) return name;
  return String(org.id);
}

export interface BootstrapResult {
  admins: Credential[];
  demo: Credential[];
  /** The org the administrators were created at. */
  root: string;
}

/** Where a production installation's administrators start: renamed by the system admin. */
export const PRODUCTION_ROOT_NAME = "本级党组织（请在“党组织”中改为正式名称）";

/**
 * First start only: the three administrators, whose one-time passwords are printed once and
 * must be changed at first sign-in, and — unless this is a production start — the demo city.
 * A production installation gets a single root org to rename instead. A marker row in
 * system_state makes every later start skip this.
 */
export async function bootstrapOnce(
  ctx: AppContext,
  actor: AuditActor,
  options: { demo: boolean } = { demo: true },
): Promise<BootstrapResult | null> {
  return withTx(ctx.db, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(4242003)");
    const done = await tx.query("SELECT 1 FROM system_state WHERE key = 'bootstrapped'");
    if (done.rowCount) return null;
    const demo = options.demo ? await seedDemo(tx, ctx, actor) : null;
    const root = demo?.root ?? (await productionRoot(tx, actor));
    const rootName = demo ? DEMO_TREE.name : PRODUCTION_ROOT_NAME;
    const admins: Credential[] = [];
    for (const admin of ADMINS) {
      const password = await createSeedAccount(tx, actor, {
        username: admin.username,
        displayName: admin.displayName,
        role: admin.role,
        org: root,
        mustChangePassword: true,
      });
      admins.push({
        username: admin.username,
        password,
        role: admin.role,
        org: rootName,
        note: "首次登录须修改密码并绑定动态口令",
      });
    }
    await tx.query(
      "INSERT INTO system_state (key, value) VALUES ('bootstrapped', to_jsonb(now()))",
    );
    return { admins, demo: demo?.credentials ?? [], root: rootName };
  });
}

async function productionRoot(tx: Tx, actor: AuditActor): Promise<LoadedOrg> {
  const existing = await tx.query<LoadedOrg>(
    "SELECT id, path::text AS path, code FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1",
  );
  if (existing.rows[0]) return existing.rows[0];
  const [root] = await loadOrgs(tx, [
    { parent: null, kind: "committee", name: PRODUCTION_ROOT_NAME },
  ]);
  if (!root) throw new Error("could not create the root org");
  await recordAudit(tx, actor, {
    action: "org.create",
    entityType: "org",
    entityId: root.id,
    orgPath: root.path,
    after: { name: PRODUCTION_ROOT_NAME, kind: "committee" },
  });
  return root;
}
