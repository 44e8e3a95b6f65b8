/**
 * Applies the random changes of `rollups.ops.ts` to real source rows, through the same tables
 * (and, for an org move, the same route) the modules write, so their triggers record facts.
 */
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { buildMember, buildOrg, buildUser, type TestOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Db, Queryable } from "../../platform/db/pool.ts";
import { type Caller, call, callerWith } from "../orgs/orgs.fixtures.ts";
import { foldRollups } from "./fold-rollups.ts";
import type { Op } from "./rollups.ops.ts";

/** What a scenario has built so far; ops refer to its orgs and rows by index. */
export interface World {
  app: FastifyInstance;
  db: Db;
  root: TestOrg;
  orgs: TestOrg[];
  secretary: Caller;
  owner: { id: number };
  members: number[];
  items: number[];
  cases: number[];
  campaigns: number[];
  rounds: number[];
  practiceDays: [number, string][];
  users: number[];
  at: (i: number) => TestOrg;
}

/** A root committee with committees under it, parent of org i+1 being `parents[i]` mod i+1. */
export async function newWorld(
  app: FastifyInstance,
  ctx: AppContext,
  run: number,
  parents: number[],
): Promise<World> {
  const root = await buildOrg(ctx.db, { kind: "committee", name: `汇总${run}区委` });
  const orgs: TestOrg[] = [root];
  for (const p of parents) {
    const parent = orgs[p % orgs.length] as TestOrg;
    orgs.push(await buildOrg(ctx.db, { parent, kind: "committee" }));
  }
  const owner = await buildMember(ctx.db, { org: root, name: "王建国" });
  return {
    app,
    db: ctx.db,
    root,
    orgs,
    secretary: await callerWith(ctx, "secretary", root),
    owner,
    members: [owner.id],
    items: [],
    cases: [],
    // One campaign from the start, so that most runs sit exams and retake them.
    campaigns: [await publishCampaign(ctx.db, root.id, "2025-11", false)],
    rounds: [],
    practiceDays: [],
    users: [
      (await buildUser(ctx.db, { role: "secretary", at: root })).id,
      (await buildUser(ctx.db, { role: "secretary", at: root })).id,
    ],
    at: (i) => orgs[i % orgs.length] as TestOrg,
  };
}

export function applyOp(w: World, o: Op): Promise<void> {
  return (handlers[o.kind] as (w: World, o: Op) => Promise<void>)(w, o);
}

export async function pathOf(db: Queryable, id: number): Promise<string> {
  const result = await db.query<{ path: string }>(
    "SELECT path::text AS path FROM orgs WHERE id = $1",
    [id],
  );
  return result.rows[0]?.path ?? "";
}

/** A study campaign of the org published in the month, and maybe withdrawn (撤回) since. */
export async function publishCampaign(
  db: Queryable,
  orgId: number,
  month: string,
  withdraw: boolean,
) {
  const campaign = await db.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules, published_at, withdrawn_at, withdraw_reason)
     SELECT id, path, '网络行为规范专题学习', $2::timestamptz, $2::timestamptz + interval '30 days',
            CASE WHEN $3 THEN 'withdrawn' ELSE 'published' END, 60, 30, 2, '[]',
            $2::timestamptz, CASE WHEN $3 THEN $2::timestamptz END,
            CASE WHEN $3 THEN '题目有误，修改后重新发布' END
       FROM orgs WHERE id = $1 RETURNING id`,
    [orgId, `${month}-01T00:30:00+08:00`, withdraw],
  );
  return Number(campaign.rows[0]?.id);
}

/** The org's final grade for a member of a round: given, changed or taken back (null). */
async function gradeMember(db: Queryable, roundId: number, memberId: number, grade: string | null) {
  await db.query(
    `INSERT INTO evaluation_subjects (round_id, member_id, member_name, may_vote, final_grade,
       final_reason, decided_at)
     SELECT $1, id, name, true, $3, CASE WHEN $3 = 'incompetent' THEN '长期不参加组织生活' END,
            CASE WHEN $3 IS NOT NULL THEN now() END
       FROM members WHERE id = $2
     ON CONFLICT (round_id, member_id) DO UPDATE
       SET final_grade = EXCLUDED.final_grade, final_reason = EXCLUDED.final_reason,
           decided_at = EXCLUDED.decided_at`,
    [roundId, memberId, grade],
  );
}

const handlers: { [K in Op["kind"]]: (w: World, o: Extract<Op, { kind: K }>) => Promise<void> } = {
  join: async (w, o) => {
    const org = w.at(o.org);
    const m = await buildMember(w.db, { org: { ...org, path: await pathOf(w.db, org.id) } });
    await w.db.query("UPDATE members SET joined_on = $2::date WHERE id = $1", [
      m.id,
      `${o.month}-12`,
    ]);
    w.members.push(m.id);
  },
  leave: async (w, o) => {
    await w.db.query(
      `UPDATE members SET archived_at = $2::timestamptz, archive_reason = '组织关系转出'
        WHERE id = $1 AND archived_at IS NULL`,
      [w.members[o.member % w.members.length], `${o.month}-01T07:30:00+08:00`],
    );
  },
  transfer: async (w, o) => {
    const org = w.at(o.org);
    await w.db.query(
      "UPDATE members SET org_id = $2, org_path = (SELECT path FROM orgs WHERE id = $2) WHERE id = $1",
      [w.members[o.member % w.members.length], org.id],
    );
  },
  meeting: async (w, o) => {
    const org = w.at(o.org);
    await w.db.query(
      `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
       SELECT 'branch_life', id, path, name, $2::date, '年度组织生活会', $2::date + 90
         FROM orgs WHERE id = $1`,
      [org.id, `${o.month}-20`],
    );
  },
  open: async (w, o) => {
    const org = w.at(o.org);
    const item = await w.db.query<{ id: number }>(
      `INSERT INTO rectification_items (source, org_id, org_path, owner_member_id, owner_name,
         problem, measure, due_on, created_at)
       SELECT 'other', id, path, $2, '王建国', '转发未经核实的信息', '加强学习，核实后再转发',
              $3::date + 60, $3::timestamptz
         FROM orgs WHERE id = $1 RETURNING id`,
      [org.id, w.owner.id, `${o.month}-28`],
    );
    w.items.push(Number(item.rows[0]?.id));
  },
  close: async (w, o) => {
    if (w.items.length === 0) return;
    await w.db.query(
      `UPDATE rectification_items
          SET status = 'closed', evidence = '已在支部大会上作说明',
              done_at = $2::timestamptz, closed_at = $2::timestamptz
        WHERE id = $1 AND status = 'open'`,
      [w.items[o.item % w.items.length], `${o.month}-03T09:00:00+08:00`],
    );
  },
  round: async (w, o) => {
    // Closed in the month, members graded, and maybe reopened (a ballot recount).
    const round = await w.db.query<{ id: number }>(
      `INSERT INTO evaluation_rounds (org_id, org_path, org_name, year, status, closed_at)
       SELECT id, path, name, 2000 + (SELECT count(*) FROM evaluation_rounds), 'closed',
              $2::timestamptz
         FROM orgs WHERE id = $1 RETURNING id`,
      [w.at(o.org).id, `${o.month}-01T06:00:00+08:00`],
    );
    const roundId = Number(round.rows[0]?.id);
    w.rounds.push(roundId);
    for (const [i, g] of o.grades.entries()) {
      await gradeMember(w.db, roundId, w.members[(o.member + i) % w.members.length] as number, g);
    }
    if (o.reopen) {
      await w.db.query(
        "UPDATE evaluation_rounds SET status = 'open', closed_at = NULL WHERE id = $1",
        [round.rows[0]?.id],
      );
    }
    if (o.regrade !== null) {
      await gradeMember(w.db, roundId, w.members[o.member % w.members.length] as number, o.regrade);
    }
  },
  case: async (w, o) => {
    const row = await w.db.query<{ id: number }>(
      `INSERT INTO cases (case_type, number, org_id, org_path, state, title, opened_on)
       SELECT $2, 'HZ-' || gen_random_uuid(), id, path, 'received', '网络发帖问题线索', $3::date
         FROM orgs WHERE id = $1 RETURNING id`,
      [w.at(o.org).id, o.type, `${o.month}-09`],
    );
    w.cases.push(Number(row.rows[0]?.id));
  },
  endCase: async (w, o) => {
    if (w.cases.length === 0) return;
    await w.db.query(
      `UPDATE cases SET state = 'closed', closed_on = greatest(opened_on, $2::date),
              erased_on = CASE WHEN $3 THEN $2::date END
        WHERE id = $1 AND closed_on IS NULL`,
      [w.cases[o.item % w.cases.length], `${o.month}-15`, o.erase],
    );
  },
  campaign: async (w, o) => {
    const org = w.at(o.org);
    w.campaigns.push(await publishCampaign(w.db, org.id, o.month, o.withdraw));
  },
  attempts: async (w, o) => {
    // Sat where the member is now, one after another and after any earlier attempt at
    // the campaign, passed or not; a pass after an earlier one completes nothing new.
    // Started open and then handed in by an update, as the exam does: the submission's
    // counts go through the fold's queue (migration 0042).
    for (const pass of o.passes) {
      const started = await w.db.query<{ id: string; at: Date }>(
        `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no,
           started_at, deadline_at, paper)
         SELECT $1, m.id, m.org_path, coalesce(p.n, 0) + 1, t.at - interval '20 minutes',
                t.at + interval '10 minutes', '[]'
           FROM members m
           CROSS JOIN LATERAL (SELECT count(*)::int AS n, max(submitted_at) AS last
                                 FROM study_attempts
                                WHERE campaign_id = $1 AND member_id = m.id) p
           CROSS JOIN LATERAL (
             SELECT greatest($3::timestamptz, p.last + interval '1 hour') AS at) t
          WHERE m.id = $2
         RETURNING id, started_at + interval '20 minutes' AS at`,
        [
          w.campaigns[o.campaign % w.campaigns.length],
          w.members[o.member % w.members.length],
          `${o.month}-10T23:30:00+08:00`,
        ],
      );
      const score = pass ? 90 : 40;
      await w.db.query(
        `UPDATE study_attempts SET submitted_at = $2, submitted_by = 'member', correct = $3,
                total = 10, score = $4, passed = $5
          WHERE id = $1`,
        [started.rows[0]?.id, started.rows[0]?.at, score / 10, score, pass],
      );
    }
  },
  practice: async (w, o) => {
    const member = w.members[o.member % w.members.length] as number;
    const day = `${o.month}-${String(o.day).padStart(2, "0")}`;
    const row = await w.db.query(
      `INSERT INTO study_practice_days (member_id, day, org_path, question_ids, results,
         points, completed)
       SELECT id, $2::date, org_path, '{11,12,13,14,15}',
              CASE WHEN $3
                   THEN '{"11":true,"12":true,"13":false,"14":true,"15":true}'::jsonb
                   ELSE '{"11":true}'::jsonb END,
              CASE WHEN $3 THEN 6 ELSE 2 END, $3
         FROM members WHERE id = $1
       ON CONFLICT DO NOTHING`,
      [member, day, o.complete],
    );
    if (row.rowCount) w.practiceDays.push([member, day]);
  },
  finishPractice: async (w, o) => {
    if (w.practiceDays.length === 0) return;
    const [member, day] = w.practiceDays[o.item % w.practiceDays.length] as [number, string];
    await w.db.query(
      `UPDATE study_practice_days SET completed = true, points = 6
        WHERE member_id = $1 AND day = $2::date`,
      [member, day],
    );
  },
  grade: async (w, o) => {
    if (w.rounds.length === 0) return;
    await gradeMember(
      w.db,
      w.rounds[o.round % w.rounds.length] as number,
      w.members[o.member % w.members.length] as number,
      o.grade,
    );
  },
  toggleRound: async (w, o) => {
    if (w.rounds.length === 0) return;
    // Reopened (its grades leave the counts) or closed again in another month.
    await w.db.query(
      `UPDATE evaluation_rounds
          SET status = CASE status WHEN 'closed' THEN 'open' ELSE 'closed' END,
              closed_at = CASE status WHEN 'closed' THEN NULL ELSE $2::timestamptz END
        WHERE id = $1`,
      [w.rounds[o.round % w.rounds.length], `${o.month}-16T22:00:00+08:00`],
    );
  },
  declare: async (w, o) => {
    // Counted under the org that ran the campaign, whichever org the member is in.
    const campaign = await w.db.query<{ id: number }>(
      `INSERT INTO registry_declaration_campaigns (org_id, org_path, kind, title,
         period_from, period_to, due_on, created_by)
       SELECT id, path, 'ad_hoc', '网络虚拟财物专项报告', '2025-01-01', '2025-12-31',
              '2026-03-31', $2
         FROM orgs WHERE id = $1 RETURNING id`,
      [w.at(o.org).id, w.users[0]],
    );
    await w.db.query(
      `INSERT INTO registry_declarations (campaign_id, member_id, created_at)
       VALUES ($1, $2, $3::timestamptz)`,
      [
        campaign.rows[0]?.id,
        w.members[o.member % w.members.length],
        `${o.month}-05T08:00:00+08:00`,
      ],
    );
  },
  commend: async (w, o) => {
    // Proposed under the member's org now, and approved or declined later.
    const row = await w.db.query<{ id: number }>(
      `INSERT INTO commendations (member_id, org_path, title, level, reason,
         contribution_ids, proposed_by)
       SELECT id, org_path, '网络正能量优秀作品', 'branch', '原创图文宣传移风易俗', '{1}', $2
         FROM members WHERE id = $1 RETURNING id`,
      [w.members[o.member % w.members.length], w.users[0]],
    );
    await w.db.query(
      `UPDATE commendations SET state = CASE WHEN $3 THEN 'approved' ELSE 'declined' END,
              decided_by = $2, decided_at = now(),
              approved_on = CASE WHEN $3 THEN $4::date END,
              document_no = CASE WHEN $3 THEN '党发〔2026〕3号' END,
              decline_reason = CASE WHEN $3 THEN NULL ELSE '事迹材料不完整' END
        WHERE id = $1`,
      [row.rows[0]?.id, w.users[1], o.approve, `${o.month}-18`],
    );
  },
  move: async (w, o) => {
    const org = w.at(o.org);
    const parent = w.at(o.parent);
    const [from, to] = [await pathOf(w.db, org.id), await pathOf(w.db, parent.id)];
    // Refused moves (a root, under itself or a descendant, where it already is) count
    // nothing; only moves the service accepts are made.
    if (org.id !== w.root.id && !(to === from || to.startsWith(`${from}.`))) {
      const res = await call(w.app, w.secretary, "POST", `/api/orgs/${org.id}/move`, {
        newParentId: parent.id,
      });
      expect([200, 409]).toContain(res.statusCode);
    }
  },
  fold: async (w, o) => {
    await foldRollups(w.db, o.batch);
  },
};
