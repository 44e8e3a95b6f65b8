import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { chinaToday } from "../../../platform/china-date.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, Forbidden } from "../../../platform/errors.ts";
import { accountNotFound, requireCadre } from "../registry.policy.ts";
import type { Account, AccountBody } from "../registry.schemas.ts";
import { accountOwner, appendVersion, findAccount, insertAccount } from "./accounts.repo.ts";
import { presentAccount } from "./present-account.ts";

function checkDates(body: AccountBody, today: string) {
  if (body.since > today) {
    throw new BadInput("since", {
      "zh-CN": `开设时间不能晚于今天（${today}）`,
      "en-US": `The start date cannot be after today (${today})`,
    });
  }
}

/** A cadre registers a public account they run (Art 20): the account and its version 1. */
export async function registerAccount(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  body: AccountBody,
): Promise<Account> {
  checkDates(body, chinaToday());
  return withTx(db, async (tx) => {
    const me = await requireCadre(tx, actor);
    const id = await insertAccount(tx, me.id);
    await appendVersion(tx, id, body, actor.userId);
    await recordAudit(tx, audit, {
      action: "registry.account.register",
      entityType: "registry_account",
      entityId: id,
      orgPath: me.orgPath,
      after: { version: 1, ...body },
    });
    return presentAccount(tx, actor, id);
  });
}

/**
 * The cadre saves a change as the next version, the whole entry again: nothing earlier is
 * changed, so the history shows what was declared when. Closing an account is a version too.
 */
export async function reviseAccount(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: AccountBody,
): Promise<Account> {
  checkDates(body, chinaToday());
  return withTx(db, async (tx) => {
    const me = await requireCadre(tx, actor);
    const owner = await accountOwner(tx, id);
    // An overseer may read another's entry but never write it: only its cadre declares it.
    if (!owner || owner.memberId !== me.id) {
      if (owner && (await findAccount(tx, actor, id))) {
        throw new Forbidden({
          "zh-CN": "公众账号只能由登记人本人修改",
          "en-US": "Only the cadre who registered the account can change it",
        });
      }
      throw accountNotFound();
    }
    // A later version says why it differs from the one before, as the page asks (docs/registry.md).
    if (!body.changeNote?.trim()) {
      throw new BadInput("changeNote", {
        "zh-CN": body.status === "closed" ? "请写明停用原因" : "请写明修改原因",
        "en-US": "Give the reason for this change",
      });
    }
    const version = await appendVersion(tx, id, body, actor.userId);
    await recordAudit(tx, audit, {
      action: body.status === "closed" ? "registry.account.close" : "registry.account.revise",
      entityType: "registry_account",
      entityId: id,
      orgPath: owner.orgPath,
      after: { version, ...body },
    });
    return presentAccount(tx, actor, id);
  });
}
