import type { FieldCipher } from "../../../platform/crypto.ts";
import type { Db } from "../../../platform/db/pool.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { type RotationStep, reencryptColumns } from "../../../platform/key-rotation.ts";
import { filerDigestInput } from "../cases.policy.ts";
import { normalizeLink } from "../reports/file-report.ts";

/**
 * A filer's digest is of their user id, which no case row holds: every account's digest under
 * the retiring key is looked for and replaced (the same walk finds anonymous filers).
 */
const filerDigests: RotationStep = {
  name: "case_filers (filer_digest)",
  async run(db, cipher, batch) {
    return walk(
      db,
      "SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT $2",
      batch,
      async (ids) => {
        const pairs = ids.flatMap((id) =>
          cipher
            .retiringDigests(filerDigestInput(id))
            .map((old) => [old, cipher.digest(filerDigestInput(id))]),
        );
        const r = await db.query(
          `UPDATE case_filers cf SET filer_digest = m.new
           FROM unnest($1::text[], $2::text[]) AS m(old, new) WHERE cf.filer_digest = m.old`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        );
        return r.rowCount ?? 0;
      },
    );
  },
  remaining: async () => null,
};

/** The link's digest, rebuilt from the link in the filed event's encrypted body. */
const linkDigests: RotationStep = {
  name: "cases (link_digest)",
  async run(db, cipher, batch) {
    return walk(
      db,
      "SELECT id FROM cases WHERE id > $1 AND link_digest IS NOT NULL ORDER BY id LIMIT $2",
      batch,
      (ids) => relink(db, cipher, ids),
    );
  },
  remaining: async () => null,
};

async function relink(db: Db, cipher: FieldCipher, ids: number[]): Promise<number> {
  return withTx(db, async (tx) => {
    const rows = await tx.query<{ id: string; digest: string; body: Buffer }>(
      `SELECT c.id, c.link_digest AS digest, e.body FROM cases c
         JOIN case_events e ON e.case_id = c.id AND e.kind = 'filed' AND e.body IS NOT NULL
        WHERE c.id = ANY($1::bigint[]) FOR UPDATE OF c`,
      [ids],
    );
    const changed: { id: string; digest: string }[] = [];
    for (const row of rows.rows) {
      const link = (JSON.parse(cipher.decrypt(row.body)) as { link?: string | null }).link;
      const digest = link ? cipher.digest(`case-link:${normalizeLink(link)}`) : null;
      if (digest && digest !== row.digest) changed.push({ id: row.id, digest });
    }
    await tx.query(
      `UPDATE cases c SET link_digest = u.digest
         FROM unnest($1::bigint[], $2::text[]) AS u(id, digest) WHERE c.id = u.id`,
      [changed.map((c) => c.id), changed.map((c) => c.digest)],
    );
    return changed.length;
  });
}

async function walk(
  db: Db,
  sql: string,
  batch: number,
  each: (ids: number[]) => Promise<number>,
): Promise<number> {
  let after = 0;
  let changed = 0;
  for (;;) {
    const ids = (await db.query<{ id: number }>(sql, [after, batch])).rows.map((r) => Number(r.id));
    if (ids.length > 0) changed += await each(ids);
    if (ids.length < batch) return changed;
    after = ids.at(-1) ?? after;
  }
}

/**
 * Everything of a case under the field key: what was written (the filed facts, notes,
 * messages), evidence file names, the filer's identity, and the two lookup digests.
 */
export const casesRotation: RotationStep[] = [
  reencryptColumns({
    table: "case_events",
    id: "id",
    columns: ["body"],
    setting: "wanggui.key_rotation",
  }),
  reencryptColumns({ table: "case_files", id: "id", columns: ["file_name"] }),
  reencryptColumns({ table: "case_filers", id: "case_id", columns: ["identity"] }),
  filerDigests,
  linkDigests,
];
