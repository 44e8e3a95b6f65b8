import { type Actor, can } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/pool.ts";
import { format, type Locale, type Text } from "../../platform/i18n.ts";
import { allPages, MAX_PAGE } from "../../platform/keyset.ts";
import { disciplineTasks } from "../cases/discipline/member-tasks.ts";
import { pendingAttestations } from "../registry/attestation/read-campaigns.ts";
import { pendingDeclarations } from "../registry/declarations/read-declarations.ts";
import { votedBy } from "../review/evaluation/evaluation.repo.ts";
import { listRounds } from "../review/evaluation/list-rounds.ts";
import { listRectifications } from "../review/rectification/list-rectifications.ts";
import { listMyReviews } from "../review/self-review/list-my-reviews.ts";
import { listTasks } from "../study/campaigns/list-tasks.ts";
import { practiceDoneToday } from "../study/practice/practice-status.ts";
import type { Task } from "./workbench.schemas.ts";

const t = (text: Text, lang: Locale) => format(text, lang);

const NOTES = {
  returned: { "zh-CN": "被退回，请修改后重新提交", "en-US": "Returned: revise and submit again" },
  draft: { "zh-CN": "尚未提交", "en-US": "Not submitted yet" },
  notPassed: { "zh-CN": "尚未通过考试", "en-US": "Exam not passed yet" },
  practice: { "zh-CN": "今日题目尚未完成", "en-US": "Today's questions are not done yet" },
  vote: { "zh-CN": "投票进行中", "en-US": "Voting is open" },
  attest: { "zh-CN": "请核对登记并签名确认", "en-US": "Check your entries and sign" },
  declare: { "zh-CN": "尚未报告（没有的也须报告「无」）", "en-US": "Not declared yet" },
  overdue: { "zh-CN": "已逾期", "en-US": "Overdue" },
} as const;

/**
 * What the member has to do now: exams not yet passed in open campaigns, today's practice,
 * self-reviews not submitted or returned, open votes not yet cast, own rectifications still
 * open, for cadres the attestations and declarations not yet made, and a discipline notice
 * to answer or a decision open to appeal. Deadlines first, undated last. Each source is the
 * owning module's own use case.
 */
export async function memberTasks(db: Db, actor: Actor, lang: Locale): Promise<Task[]> {
  const memberId = actor.memberId;
  if (memberId === null) return [];
  const now = new Date();
  // Deadlines are dates in China, whatever the server's zone.
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const tasks: Task[] = [];
  if (can(actor, "study:take")) {
    const study = await listTasks(db, actor);
    for (const item of study.items) {
      const c = item.campaign;
      if (c.status !== "published" || Date.parse(c.startsAt) > now.getTime()) continue;
      if (Date.parse(c.endsAt) < now.getTime() || item.best?.passed) continue;
      tasks.push({
        kind: "study",
        title: c.title,
        note: t(NOTES.notPassed, lang),
        dueAt: c.endsAt,
        overdue: false,
        link: `/study/tasks/${c.id}`,
      });
    }
    if (!(await practiceDoneToday(db, memberId))) {
      tasks.push({
        kind: "practice",
        title: t({ "zh-CN": "每日一练", "en-US": "Daily practice" }, lang),
        note: t(NOTES.practice, lang),
        dueAt: null,
        overdue: false,
        link: "/study/practice",
      });
    }
  }
  if (can(actor, "review:take")) {
    const reviews = await listMyReviews(db, actor);
    for (const r of reviews.items) {
      if (r.status === "submitted") continue;
      tasks.push({
        kind: "selfReview",
        title: r.topic,
        note: t(r.status === "returned" ? NOTES.returned : NOTES.draft, lang),
        dueAt: r.heldOn,
        overdue: r.heldOn < today,
        link: `/review/self-reviews/${r.selfReviewId}`,
      });
    }
    const rounds = await allPages((after) => listRounds(db, actor, { after, limit: MAX_PAGE }));
    for (const round of rounds) {
      if (round.status !== "open") continue;
      if ((await votedBy(db, round.id, memberId)).size > 0) continue;
      tasks.push({
        kind: "vote",
        title: t(
          {
            "zh-CN": `${round.year} 年度民主评议党员（${round.org.name}）`,
            "en-US": `${round.year} peer evaluation (${round.org.name})`,
          },
          lang,
        ),
        note: t(NOTES.vote, lang),
        dueAt: null,
        overdue: false,
        link: `/review/rounds/${round.id}`,
      });
    }
    const mine = await allPages((after) =>
      listRectifications(db, actor, { mine: "true", status: "open", after, limit: MAX_PAGE }),
    );
    for (const x of mine) {
      tasks.push({
        kind: "rectification",
        title: x.problem,
        note: x.overdue ? t(NOTES.overdue, lang) : null,
        dueAt: x.dueOn,
        overdue: x.overdue,
        link: "/review/mine",
      });
    }
  }
  if (can(actor, "registry:declare")) {
    for (const a of await pendingAttestations(db, actor)) {
      tasks.push({
        kind: "attestation",
        title: a.campaign.title,
        note: t(a.campaign.overdue ? NOTES.overdue : NOTES.attest, lang),
        dueAt: a.campaign.dueOn,
        overdue: a.campaign.overdue,
        link: `/registry/attest/${a.campaign.id}`,
      });
    }
    for (const d of await pendingDeclarations(db, actor)) {
      tasks.push({
        kind: "declaration",
        title: d.campaign.title,
        note: t(d.campaign.overdue ? NOTES.overdue : NOTES.declare, lang),
        dueAt: d.campaign.dueOn,
        overdue: d.campaign.overdue,
        link: `/registry/declare/${d.campaign.id}`,
      });
    }
  }
  tasks.push(...(await disciplineTasks(db, memberId, today, lang)));
  return tasks.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"),
  );
}
