import { once } from "node:events";
import { availableParallelism } from "node:os";
import { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { FieldCipher } from "../platform/crypto.ts";
import type { Tx } from "../platform/db/pool.ts";
import { startWorker } from "../platform/workers.ts";
import { type BlockPlan, blocksOf, type MemberBlock } from "./member-block.ts";
import { MEMBER_COPY_SQL, memberCopyLine, type SeedMember } from "./roster.ts";

export type OrgKind = "committee" | "general_branch" | "branch" | "group";

/** An org to create; parents come before their children in the list. */
export interface PlannedOrg {
  parent: number | null;
  kind: OrgKind;
  name: string;
}

export interface LoadedOrg {
  id: number;
  path: string;
  code: string;
}

/**
 * Creates a whole tree in one pass: reserves ids, works out each node's path and
 * three-digit-per-level code, and streams the rows in with COPY. The new root takes the next
 * free top-level code.
 */
export async function loadOrgs(tx: Tx, planned: PlannedOrg[]): Promise<LoadedOrg[]> {
  const ids = await tx.query<{ id: number }>(
    "SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::bigint AS id FROM generate_series(1, $1)",
    [planned.length],
  );
  const top = await tx.query<{ n: number }>(
    "SELECT coalesce(max(substr(code, 1, 3)::int), 0) AS n FROM orgs WHERE parent_id IS NULL",
  );
  let nextRoot = (top.rows[0]?.n ?? 0) + 1;
  if (nextRoot > 999) throw new Error("已有 999 个顶层党组织，无法再创建新的顶层组织");
  const childCount = new Map<number, number>();
  const loaded: LoadedOrg[] = planned.map((org, i) => {
    const id = ids.rows[i]?.id ?? 0;
    if (org.parent === null) {
      return { id, path: String(id), code: String(nextRoot++).padStart(3, "0") };
    }
    return { id, path: "", code: "" };
  });
  planned.forEach((org, i) => {
    if (org.parent === null) return;
    const parent = loaded[org.parent];
    const self = loaded[i];
    if (!parent || !self) throw new Error(`org ${i} is listed before its parent`);
    const n = (childCount.get(org.parent) ?? 0) + 1;
    if (n > 999) throw new Error(`org ${org.parent} would have more than 999 children`);
    childCount.set(org.parent, n);
    self.path = `${parent.path}.${self.id}`;
    self.code = parent.code + String(n).padStart(3, "0");
  });

  await tx.query(
    "CREATE TEMP TABLE orgs_stage (id bigint, parent_id bigint, kind text, name text, code text, path ltree) ON COMMIT DROP",
  );
  const lines = planned.map((org, i) => {
    const self = loaded[i] as LoadedOrg;
    const parentId = org.parent === null ? "\\N" : String(loaded[org.parent]?.id);
    return `${self.id}\t${parentId}\t${org.kind}\t${org.name}\t${self.code}\t${self.path}\n`;
  });
  await copyLines(tx, "COPY orgs_stage FROM STDIN", lines);
  await tx.query(
    `INSERT INTO orgs (id, parent_id, kind, name, code, path) OVERRIDING SYSTEM VALUE
     SELECT id, parent_id, kind, name, code, path FROM orgs_stage ORDER BY nlevel(path), id`,
  );
  return loaded;
}

/**
 * Reserves `count` consecutive identity serials for seeded members. Each serial maps to a
 * distinct ID number (names.ts identityFor), so every loader, demo or synthetic, draws from
 * one counter kept in system_state; the row lock makes concurrent loads take disjoint ranges.
 */
export async function reserveSerials(tx: Tx, count: number): Promise<number> {
  const row = await tx.query<{ first: number }>(
    `INSERT INTO system_state (key, value) VALUES ('seed_identity_serial', to_jsonb($1::bigint))
     ON CONFLICT (key) DO UPDATE SET value = to_jsonb(system_state.value::bigint + $1::bigint), updated_at = now()
     RETURNING value::bigint - $1::bigint AS first`,
    [count],
  );
  return Number(row.rows[0]?.first ?? 0);
}

/** Streams members into their orgs with COPY and opens each one's membership history. */
export async function loadMembers(
  tx: Tx,
  cipher: FieldCipher,
  rows: Iterable<{ org: LoadedOrg; member: SeedMember }>,
): Promise<number> {
  const before = await tx.query<{ id: number }>("SELECT coalesce(max(id), 0) AS id FROM members");
  function* lines() {
    for (const { org, member } of rows)
      yield `${memberCopyLine(cipher, org.id, org.path, member)}\n`;
  }
  await copyLines(tx, MEMBER_COPY_SQL, lines());
  const history = await tx.query(
    `INSERT INTO member_org_history (member_id, org_id, from_date, reason)
     SELECT id, org_id, joined_on, '入党' FROM members WHERE id > $1`,
    [before.rows[0]?.id ?? 0],
  );
  return history.rowCount ?? 0;
}

/**
 * Streams `total` synthetic members into their orgs with one COPY, made and encrypted on
 * worker threads block by block (ADR 0018): a worker gets its next block only once its last one
 * is in the COPY stream and the stream has drained, so memory stays at a few blocks whatever
 * the total. Opens each member's membership history after.
 */
export async function loadMemberBlocks(
  tx: Tx,
  cipher: FieldCipher,
  plan: BlockPlan,
  total: number,
  opts: { threads?: number; blockSize?: number } = {},
): Promise<number> {
  const threads = opts.threads ?? availableParallelism();
  const before = await tx.query<{ id: number }>("SELECT coalesce(max(id), 0) AS id FROM members");
  const queue = blocksOf(total, opts.blockSize);
  const entry = new URL("./member-block.worker.ts", import.meta.url);
  // Started before the COPY: a worker that cannot be built leaves no COPY open on the connection.
  const workers = await Promise.all(
    Array.from({ length: Math.max(1, Math.min(threads, queue.length)) }, () =>
      startWorker(entry, { keys: cipher.ringForWorker(), plan }),
    ),
  );
  const stream = tx.query(copyFrom(MEMBER_COPY_SQL));
  try {
    await new Promise<void>((resolve, reject) => {
      let left = queue.length;
      let writes = Promise.resolve();
      if (left === 0) resolve();
      const give = (worker: (typeof workers)[number]) => {
        const job = queue.shift();
        if (job) worker.postMessage(job satisfies MemberBlock);
      };
      stream.on("error", reject);
      for (const worker of workers) {
        worker.on("error", reject);
        worker.on("message", (m: { kind: "ready" } | { kind: "block"; text: string }) => {
          if (m.kind === "ready") return give(worker);
          writes = writes
            .then(async () => {
              if (!stream.write(m.text)) await once(stream, "drain");
              give(worker);
              if (--left === 0) resolve();
            })
            .catch(reject);
        });
      }
    });
    stream.end();
    await finished(stream);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const history = await tx.query(
    `INSERT INTO member_org_history (member_id, org_id, from_date, reason)
     SELECT id, org_id, joined_on, '入党' FROM members WHERE id > $1`,
    [before.rows[0]?.id ?? 0],
  );
  return history.rowCount ?? 0;
}

async function copyLines(tx: Tx, sql: string, lines: Iterable<string>) {
  const stream = tx.query(copyFrom(sql));
  await pipeline(Readable.from(batched(lines)), stream);
}

/** Groups lines into ~64 KB chunks; one write per line would dominate a million-row load. */
function* batched(lines: Iterable<string>) {
  let chunk = "";
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}
