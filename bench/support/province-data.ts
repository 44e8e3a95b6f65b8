/**
 * The province of bench/province.ts, made inside PostgreSQL by set-based SQL: the tree and
 * members, a year of events for every rollup source, and a burst of events as the modules
 * write them. Members' encrypted ID numbers are placeholder bytes: nothing here decrypts them.
 */
import { type Db, type Tx, withTx } from "../../server/src/platform/db/pool.ts";
import { loadIntoMembers } from "../../server/src/seed/bulk-load.ts";
import { loadOrgs } from "../../server/src/seed/load.ts";
import { createRandom } from "../../server/src/seed/names.ts";
import { memberCounts, planTree } from "../../server/src/seed/synthetic.ts";

/** The bench's year: members join and leave in it, and every event falls in it. */
export const YEAR = 2026;

/**
 * The tree from the synthetic seed's planner, loaded with its COPY; then the members of every
 * member-holding org in one statement, with the seed's bulk-load path (indexes built after).
 */
export async function loadProvince(db: Db, members: number, orgs: number) {
  const random = createRandom(20261202);
  const planned = planTree(orgs, random);
  const counts = memberCounts(planned, members, random);
  await withTx(db, async (tx) => {
    const loaded = await loadOrgs(tx, planned);
    const holders = loaded.flatMap((o, i) => ((counts[i] ?? 0) > 0 ? [o.id] : []));
    const sizes = counts.filter((n) => n > 0);
    const firsts: number[] = [];
    let next = 1;
    for (const n of sizes) {
      firsts.push(next);
      next += n;
    }
    await loadIntoMembers(tx, () => insertMembers(tx, holders, sizes, firsts));
  });
}

/** Arguments of `substr` for one character of `chars` picked by the SQL expression `by`. */
const pick = (chars: string, by: string) => `'${chars}', 1 + ((${by}) % ${chars.length})::int, 1`;

/**
 * The members for serials first..first+n-1 of each org. A hash of the serial picks everything
 * else: most joined in the forty years before the bench year, about 3 % join during it, and
 * about 2 % of the others leave during it.
 */
async function insertMembers(tx: Tx, orgs: number[], sizes: number[], firsts: number[]) {
  await tx.query(
    `INSERT INTO members (org_id, org_path, name, gender, ethnicity, birth_date, id_number_enc,
       id_number_masked, id_number_digest, status, joined_on, confirmed_on, is_cadre,
       archived_at, archive_reason)
     SELECT o.id, o.path,
            substr(${pick("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "x.h")}) ||
            substr(${pick("建国志强秀英丽华明伟芳敏静军洋勇艳杰娟涛超霞平刚桂兰", "x.h / 20")}) ||
            CASE WHEN x.h % 3 = 0 THEN '' ELSE substr(${pick("民红军华峰玲梅雪波辉", "x.h / 600")}) END,
            CASE WHEN x.h % 2 = 0 THEN 'male' ELSE 'female' END, '汉族',
            x.joined - ((18 + x.h % 30) * 365 + (x.h / 7) % 300)::int,
            decode(md5('enc' || x.s), 'hex'), '3****************' || (x.h % 10),
            md5('id' || x.s),
            CASE WHEN x.joined > date '${YEAR}-01-01' - 365 THEN 'probationary' ELSE 'full' END,
            x.joined,
            CASE WHEN x.joined > date '${YEAR}-01-01' - 365 THEN NULL ELSE x.joined + 365 END,
            x.h % 25 = 0,
            CASE WHEN x.leaves
                 THEN timestamptz '${YEAR}-01-01 10:00+08' + (x.h % 360) * interval '1 day' END,
            CASE WHEN x.leaves THEN '组织关系转出' END
       FROM unnest($1::bigint[], $2::int[], $3::bigint[]) AS c (org_id, n, first)
       JOIN orgs o ON o.id = c.org_id
      CROSS JOIN LATERAL generate_series(c.first, c.first + c.n - 1) AS g (s)
      CROSS JOIN LATERAL (SELECT abs(hashint8(g.s)::bigint) AS h) y
      CROSS JOIN LATERAL (
        SELECT g.s, y.h,
               CASE WHEN y.h % 100 < 3 THEN date '${YEAR}-01-01' + ((y.h / 100) % 365)::int
                    ELSE date '${YEAR - 40}-01-01' + ((y.h / 100) % (40 * 365))::int END AS joined,
               y.h % 100 >= 3 AND (y.h / 7) % 100 < 2 AS leaves) x`,
    [orgs, sizes, firsts],
  );
}

/**
 * A year of the other sources, one statement each (the statement triggers record the facts):
 * a province-wide exam that about half the members sit (45 % pass at once, 5 % fail and pass
 * on a second attempt), one or two 组织生活会 per branch and a 民主生活会 per committee (not
 * counted), and in one branch in four one to three rectifications, about half closed.
 */
export async function yearOfEvents(db: Db, root: Org) {
  const campaign = await db.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules, published_at)
     VALUES ($1, $2::ltree, '${YEAR}年学习《中国共产党党员网络行为规定》全省专题测试',
             '${YEAR}-01-01', '${YEAR}-12-31', 'published', 60, 30, 3, '[]', '${YEAR}-01-01')
     RETURNING id`,
    [root.id, root.path],
  );
  await db.query(
    `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, started_at,
       deadline_at, paper, submitted_at, submitted_by, correct, total, score, passed)
     SELECT $1, m.id, m.org_path, a.no, t.at, t.at + interval '30 min', '[]',
            t.at + interval '20 min', 'member', a.score / 10, 10, a.score, a.score >= 60
       FROM (SELECT id, org_path, abs(hashint8(id)::bigint) AS h FROM members) m
      CROSS JOIN LATERAL (VALUES (1, CASE WHEN m.h % 100 < 45 THEN 60 + m.h % 41 ELSE 30 + m.h % 30 END),
                                 (2, 70 + m.h % 31)) AS a (no, score)
      CROSS JOIN LATERAL (SELECT timestamptz '${YEAR}-01-02 09:00+08'
                                 + ((m.h / 100) % 330 + (a.no - 1) * 14) * interval '1 day'
                                 + (m.h % 600) * interval '1 minute' AS at) t
      WHERE m.h % 100 < 50 AND (a.no = 1 OR m.h % 100 >= 45)`,
    [campaign.rows[0]?.id],
  );
  await db.query(
    `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
     SELECT 'branch_life', o.id, o.path, o.name, d, '${YEAR}年度组织生活会', d + 90
       FROM orgs o, LATERAL (SELECT date '${YEAR}-01-10' + ((o.id * k * 37) % 340)::int AS d
                               FROM generate_series(1, 1 + o.id % 2) k) x
      WHERE o.kind = 'branch'
     UNION ALL
     SELECT 'leadership_life', o.id, o.path, o.name, date '${YEAR}-12-20', '${YEAR}年度民主生活会',
            date '${YEAR + 1}-03-20'
       FROM orgs o WHERE o.kind = 'committee'`,
  );
  await db.query(
    `INSERT INTO rectification_items (source, org_id, org_path, owner_member_id, owner_name,
       problem, measure, due_on, created_at, status, evidence, done_at, closed_at)
     SELECT 'other', o.id, o.path, m.id, m.name, '转发未经核实的信息', '加强学习，核实后再转发',
            x.t::date + 60, x.t,
            CASE WHEN x.closed THEN 'closed' ELSE 'open' END,
            CASE WHEN x.closed THEN '已在支部大会上作说明' END,
            CASE WHEN x.closed THEN x.t + interval '20 days' END,
            CASE WHEN x.closed THEN x.t + interval '25 days' + (o.id % 15) * interval '1 day' END
       FROM orgs o
       JOIN LATERAL (SELECT id, name FROM members WHERE org_id = o.id ORDER BY id LIMIT 1) m ON true
      CROSS JOIN LATERAL generate_series(1, 1 + o.id % 3) k
      CROSS JOIN LATERAL (SELECT timestamptz '${YEAR}-01-15 10:00+08'
                                 + ((o.id * k) % 300) * interval '1 day' AS t,
                                 (o.id + k) % 2 = 0 AS closed) x
      WHERE o.kind = 'branch' AND o.id % 4 = 0`,
  );
  return campaign.rows[0]?.id ?? 0;
}

export interface Org {
  id: number;
  path: string;
  name: string;
}

/** Stride through 1..n visiting each once (the stride is prime and does not divide n). */
const STRIDE = 1_000_003;
const spread = (i: number, n: number) => 1 + ((i * STRIDE) % n);

/**
 * `count` events, 100 to a transaction, as the modules write them: per transaction 40 passed
 * attempts of a second campaign, 30 rectifications opened, 20 members joining and 10
 * 组织生活会, spread over the province and the year's months. Returns the seconds taken.
 */
export async function burst(db: Db, root: Org, homes: Org[], count: number, members: number) {
  const campaign = await db.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules, published_at)
     VALUES ($1, $2::ltree, '${YEAR}年网络安全知识补考', '${YEAR}-01-01', '${YEAR}-12-31',
             'published', 60, 30, 1, '[]', '${YEAR}-01-01') RETURNING id`,
    [root.id, root.path],
  );
  const campaignId = campaign.rows[0]?.id;
  const at = (i: number) => `${YEAR}-${String(1 + (i % 12)).padStart(2, "0")}-16T10:00:00+08:00`;
  const t0 = performance.now();
  for (let done = 0; done < count; done += 100) {
    const range = (n: number, offset: number) =>
      Array.from({ length: n }, (_, i) => (done / 100) * n + i + offset);
    const home = (i: number) => homes[spread(i, homes.length) - 1] as Org;
    await withTx(db, async (tx) => {
      await tx.query(
        `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, started_at,
           deadline_at, paper, submitted_at, submitted_by, correct, total, score, passed)
         SELECT $1, m.id, m.org_path, 1, p.at, p.at + interval '30 min', '[]',
                p.at + interval '20 min', 'member', 9, 10, 90, true
           FROM unnest($2::bigint[], $3::timestamptz[]) AS p (member, at)
           JOIN members m ON m.id = p.member`,
        [campaignId, range(40, 0).map((i) => spread(i, members)), range(40, 0).map(at)],
      );
      const rect = range(30, 0).map(home);
      await tx.query(
        `INSERT INTO rectification_items (source, org_id, org_path, owner_member_id, owner_name,
           problem, measure, due_on, created_at)
         SELECT 'higher_feedback', o.id, o.path,
                (SELECT id FROM members WHERE org_id = o.id ORDER BY id LIMIT 1), '王建国',
                '上级反馈：学习记录不完整', '补学并在支部会上说明', p.at::date + 30, p.at
           FROM unnest($1::bigint[], $2::timestamptz[]) AS p (org, at) JOIN orgs o ON o.id = p.org`,
        [rect.map((o) => o.id), range(30, 0).map(at)],
      );
      await tx.query(
        `INSERT INTO members (org_id, org_path, name, gender, ethnicity, birth_date, id_number_enc,
           id_number_masked, id_number_digest, status, joined_on)
         SELECT o.id, o.path, '李红梅', 'female', '汉族', date '1998-05-04', decode('00', 'hex'),
                '3****************6', md5('burst' || p.s), 'probationary', p.at::date
           FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[]) AS p (org, at, s)
           JOIN orgs o ON o.id = p.org`,
        [range(20, 0).map((i) => home(i).id), range(20, 0).map(at), range(20, 0)],
      );
      await tx.query(
        `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
         SELECT 'branch_life', o.id, o.path, o.name, p.at::date, '专题组织生活会', p.at::date + 90
           FROM unnest($1::bigint[], $2::timestamptz[]) AS p (org, at) JOIN orgs o ON o.id = p.org`,
        [range(10, 0).map((i) => home(i).id), range(10, 0).map(at)],
      );
    });
  }
  return (performance.now() - t0) / 1000;
}
