import { type Actor, can } from "../../platform/auth/actor.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { InvalidState, NotFound } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import { findMemberHomes } from "../orgs/member-homes.ts";
import { currentArticles, currentProvisions } from "../regulations/study-sources.ts";
import type { ArticleLine, ImplementationMap } from "./dashboards.schemas.ts";
import { articleFacts, type FactRow } from "./implementation-facts.repo.ts";

const SCOPE = "members:read" as const;

/**
 * 落实情况: for each article of the regulation in force, what the org's subtree has done under
 * it — exam and practice answers on questions citing it, self-review lines drawn from its
 * provisions and the gaps found, the rectifications those gaps became, and (for case handlers)
 * the reports citing it. Aggregates only: no person is named, so the caller needs the member
 * read scope over the org, nothing more.
 */
export async function implementationMap(
  db: Queryable,
  actor: Actor,
  orgId: number,
): Promise<{ map: ImplementationMap; orgPath: string }> {
  requirePermission(can(actor, SCOPE));
  const org = (await findMemberHomes(db, actor, SCOPE, [orgId])).get(orgId);
  if (!org) throw new NotFound({ "zh-CN": "组织", "en-US": "Organization" });
  const [articles, provisions] = await Promise.all([currentArticles(db), currentProvisions(db)]);
  if (articles.length === 0) throw regulationMissing();
  // Reports are counted only for a caller who may handle cases over this org: a report count per
  // article in a small branch is itself a hint about who filed what.
  const withReports = pathInScope(actor, "cases:handle", org.path);
  // One document: the regulation the platform is built on (the first imported); versions of it
  // share article numbers, so facts recorded under an older text still count for its article.
  const documentId = Math.min(...articles.map((a) => a.documentId));
  const facts = await articleFacts(db, { orgPath: org.path, documentId, withReports });
  const byNumber = new Map(facts.map((f) => [`${f.number}.${f.sub}`, f]));
  const inForce = articles.filter((a) => a.documentId === documentId);
  const lines: ArticleLine[] = inForce.map((a) => {
    const bound = provisions.filter((p) => p.articleId === a.id);
    const f = byNumber.get(`${a.number}.${a.sub}`);
    return line(a, bound, f, withReports);
  });
  const map: ImplementationMap = {
    org: { id: org.id, name: org.name },
    documentId,
    includesReports: withReports,
    articles: lines,
    summary: {
      articles: lines.length,
      studied: lines.filter((l) => l.study.answered + l.practice.answered > 0).length,
      checked: lines.filter((l) => l.selfReview.items > 0).length,
      studiedNotChecked: lines.filter((l) => l.flag === "studied_not_checked").length,
      checkedNotStudied: lines.filter((l) => l.flag === "checked_not_studied").length,
    },
  };
  return { map, orgPath: org.path };
}

function line(
  a: Awaited<ReturnType<typeof currentArticles>>[number],
  bound: { kind: string }[],
  f: FactRow | undefined,
  withReports: boolean,
): ArticleLine {
  const kinds = (k: string) => bound.filter((p) => p.kind === k).length;
  const study = { answered: f?.exam_answered ?? 0, correct: f?.exam_correct ?? 0 };
  const practice = { answered: f?.practice_answered ?? 0, correct: f?.practice_correct ?? 0 };
  const selfReview = { items: f?.review_items ?? 0, gaps: f?.review_gaps ?? 0 };
  const studied = study.answered + practice.answered > 0;
  const checked = selfReview.items > 0;
  return {
    articleId: a.id,
    number: a.number,
    label: a.label,
    chapter: a.chapterLabel ? `${a.chapterLabel} ${a.chapterHeading ?? ""}`.trim() : null,
    provisions: {
      obligation: kinds("obligation"),
      prohibition: kinds("prohibition"),
      encouragement: kinds("encouragement"),
      permission: kinds("permission"),
    },
    study,
    practice,
    selfReview,
    rectification: {
      total: f?.rect_total ?? 0,
      open: f?.rect_open ?? 0,
      overdue: f?.rect_overdue ?? 0,
      awaitingClose: f?.rect_done ?? 0,
      closed: f?.rect_closed ?? 0,
    },
    reports: withReports ? (f?.reports ?? 0) : null,
    flag:
      studied && !checked
        ? "studied_not_checked"
        : checked && !studied
          ? "checked_not_studied"
          : null,
  };
}

const regulationMissing = () =>
  new InvalidState(
    {
      "zh-CN": "尚未导入《规定》文本，无法汇总落实情况",
      "en-US": "No regulation has been imported yet",
    },
    "regulation_missing",
  );
