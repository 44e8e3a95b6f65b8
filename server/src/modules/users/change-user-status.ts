import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import { endAllSessions } from "../../platform/auth/sessions.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { InvalidState } from "../../platform/errors.ts";
import { userNotFound } from "./get-user.ts";
import { accountReach, toUserView } from "./present.ts";
import { type Authority, refuseSelf, requireCanManage, requireHolds } from "./users.policy.ts";
import { findVisibleUser, setDisabled } from "./users.repo.ts";
import type { UserView } from "./users.schemas.ts";

/**
 * Disables (停用) or re-enables an account. Disabling signs the person out everywhere at
 * once; their grants stay as they are, so re-enabling restores exactly what they had.
 */
export async function changeUserStatus(
  db: Db,
  by: Authority,
  audit: AuditActor,
  userId: number,
  disabled: boolean,
): Promise<UserView> {
  requireHolds(by, "users:write");
  return withTx(db, async (tx) => {
    const row = await findVisibleUser(tx, by, userId, true);
    if (!row) throw userNotFound();
    refuseSelf(by, userId);
    requireCanManage(by, accountReach(row));
    if (row.disabled === disabled) {
      throw new InvalidState(
        disabled
          ? { "zh-CN": "该账号已停用", "en-US": "This account is already disabled" }
          : { "zh-CN": "该账号未停用", "en-US": "This account is not disabled" },
      );
    }
    await setDisabled(tx, userId, disabled);
    if (disabled) await endAllSessions(tx, userId);
    await recordAudit(tx, audit, {
      action: disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: userId,
      orgPath: row.org_path,
      before: { disabled: row.disabled },
      after: { disabled },
    });
    const changed = await findVisibleUser(tx, by, userId);
    if (!changed) throw userNotFound();
    return toUserView(changed, by);
  });
}
