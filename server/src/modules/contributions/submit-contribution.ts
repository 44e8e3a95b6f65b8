import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { chinaToday } from "../../platform/china-date.ts";
import { type Db, type Queryable, withTx } from "../../platform/db/pool.ts";
import { BadInput, Forbidden } from "../../platform/errors.ts";
import { contributionNotFound, requirePending, requireSubmitter } from "./contributions.policy.ts";
import {
  findContribution,
  insertContribution,
  lockContribution,
  setContributionState,
  updateContribution,
} from "./contributions.repo.ts";
import type { Contribution, ContributionBody } from "./contributions.schemas.ts";
import { presentContribution } from "./present-contribution.ts";

function checkDate(body: ContributionBody) {
  const today = chinaToday();
  if (body.publishedOn > today) {
    throw new BadInput("publishedOn", {
      "zh-CN": `发布日期不能晚于今天（${today}）`,
      "en-US": `The publication date cannot be after today (${today})`,
    });
  }
}

/**
 * A member reports a work of their own (Art 5-8). Only what they type is stored: the link is
 * never opened, the reach is their own figure (ADR 0025).
 */
export async function submitContribution(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  body: ContributionBody,
): Promise<Contribution> {
  checkDate(body);
  return withTx(db, async (tx) => {
    const me = await requireSubmitter(tx, actor);
    const id = await insertContribution(tx, me, body);
    await recordAudit(tx, audit, {
      action: "contribution.submit",
      entityType: "contribution",
      entityId: id,
      orgPath: me.orgPath,
      after: body,
    });
    return presentContribution(tx, actor, id);
  });
}

/** The member's own pending work, locked; 404 for others' (403 if the caller may read it). */
async function ownPending(tx: Queryable, actor: Actor, id: number) {
  const me = await requireSubmitter(tx, actor);
  const row = await lockContribution(tx, id);
  if (!row || row.memberId !== me.id) {
    if (row && (await findContribution(tx, actor, id))) {
      throw new Forbidden({
        "zh-CN": "作品只能由报送人本人修改或撤回",
        "en-US": "Only the member who submitted the work can change or withdraw it",
      });
    }
    throw contributionNotFound();
  }
  requirePending(row.state);
  return row;
}

/** While it waits for review, the member corrects their own submission. */
export async function reviseContribution(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: ContributionBody,
): Promise<Contribution> {
  checkDate(body);
  return withTx(db, async (tx) => {
    const row = await ownPending(tx, actor, id);
    const before = await presentContribution(tx, actor, id);
    await updateContribution(tx, id, body);
    await recordAudit(tx, audit, {
      action: "contribution.revise",
      entityType: "contribution",
      entityId: id,
      orgPath: row.orgPath,
      before,
      after: body,
    });
    return presentContribution(tx, actor, id);
  });
}

/** The member takes back a work nobody has reviewed yet; it stays in their list as 已撤回. */
export async function withdrawContribution(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<Contribution> {
  return withTx(db, async (tx) => {
    const row = await ownPending(tx, actor, id);
    await setContributionState(tx, id, "withdrawn");
    await recordAudit(tx, audit, {
      action: "contribution.withdraw",
      entityType: "contribution",
      entityId: id,
      orgPath: row.orgPath,
      after: { state: "withdrawn" },
    });
    return presentContribution(tx, actor, id);
  });
}
