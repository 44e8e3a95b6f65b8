import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import { generatePassword, hashPassword } from "../../platform/auth/password.ts";
import { endAllSessions } from "../../platform/auth/sessions.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { userNotFound } from "./get-user.ts";
import { accountReach } from "./present.ts";
import { type Authority, refuseSelf, requireCanManage, requireHolds } from "./users.policy.ts";
import { findVisibleUser, setOneTimePassword } from "./users.repo.ts";

/**
 * For a forgotten password: a new one-time password, shown once, to be changed at the next
 * sign-in. Every session of the account ends and any lockout is lifted.
 */
export async function resetUserPassword(
  db: Db,
  by: Authority,
  audit: AuditActor,
  userId: number,
): Promise<{ oneTimePassword: string }> {
  requireHolds(by, "users:write");
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await withTx(db, async (tx) => {
    const row = await findVisibleUser(tx, by, userId, true);
    if (!row) throw userNotFound();
    refuseSelf(by, userId);
    requireCanManage(by, accountReach(row));
    await setOneTimePassword(tx, userId, passwordHash);
    await endAllSessions(tx, userId);
    await recordAudit(tx, audit, {
      action: "user.password_reset",
      entityType: "user",
      entityId: userId,
      orgPath: row.org_path,
      after: { mustChangePassword: true },
    });
  });
  return { oneTimePassword };
}
