import type { Queryable } from "../../../platform/db/pool.ts";
import type { Locale } from "../../../platform/i18n.ts";
import type { Task } from "../../workbench/workbench.schemas.ts";

/**
 * The member's open due-process steps, for the workbench: a notice to answer by its date, and
 * a decision open to appeal until its date. Only cases they were given notice of.
 */
export async function disciplineTasks(
  db: Queryable,
  memberId: number,
  today: string,
  lang: Locale,
): Promise<Task[]> {
  const rows = await db.query<{
    id: number;
    number: string;
    state: string;
    defenceDueOn: string | null;
    appealDueOn: string | null;
  }>(
    `SELECT c.id::int AS id, c.number, c.state, d.defence_due_on::text AS "defenceDueOn",
            d.appeal_due_on::text AS "appealDueOn"
       FROM cases c JOIN discipline_cases d ON d.case_id = c.id
      WHERE c.subject_member_id = $1 AND c.erased_on IS NULL
        AND ((c.state = 'notified' AND d.defence_due_on >= $2::date)
          OR (c.state = 'decided' AND d.appeal_due_on >= $2::date))`,
    [memberId, today],
  );
  const zh = lang === "zh-CN";
  return rows.rows.map((r) =>
    r.state === "notified"
      ? {
          kind: "defence" as const,
          title: zh ? `纪律审查告知书 ${r.number}` : `Discipline notice ${r.number}`,
          note: zh ? "可在期限内陈述申辩" : "You may answer by the date",
          dueAt: r.defenceDueOn,
          overdue: false,
          link: `/my-discipline/${r.id}`,
        }
      : {
          kind: "appeal" as const,
          title: zh ? `处理决定 ${r.number}` : `Discipline decision ${r.number}`,
          note: zh ? "如不服，可在期限内申诉" : "You may appeal by the date",
          dueAt: r.appealDueOn,
          overdue: false,
          link: `/my-discipline/${r.id}`,
        },
  );
}
