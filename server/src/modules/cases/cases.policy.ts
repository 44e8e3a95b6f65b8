import { type Actor, can } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import type { FieldCipher } from "../../platform/crypto.ts";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { pathInScope, scopeClause } from "../../platform/scope.ts";
import type { CaseRow } from "./core/cases.repo.ts";

/**
 * file: any member files a report or applies for protection as themselves.
 * handle: a secretary or discipline officer handles the cases of their subtree, unless they
 * are named in the case or filed it themselves (conflict of interest: they must step aside).
 */
export const CASES_FILE: Permission = "cases:file";
export const CASES_HANDLE: Permission = "cases:handle";

export const caseNotFound = () => new NotFound({ "zh-CN": "案件", "en-US": "Case" });

export const filerDigestInput = (userId: number) => `case-filer:${userId}`;

/** The filer's keyed digest: lets a filer find their own cases without a user id on them. */
export function filerDigest(cipher: FieldCipher, userId: number): string {
  return cipher.digest(filerDigestInput(userId));
}

/** Every digest a filer's rows may carry: two while a key rotation is moving them. */
export function filerDigests(cipher: FieldCipher, userId: number): string[] {
  return cipher.digests(filerDigestInput(userId));
}

export function requireFiler(actor: Actor): number {
  requirePermission(can(actor, CASES_FILE));
  if (actor.memberId === null) {
    throw new Forbidden({
      "zh-CN": "当前账号未关联党员档案，不能以本人名义举报或申请保护",
      "en-US": "This account is not linked to a member record",
    });
  }
  return actor.memberId;
}

export function handleScope(actor: Actor) {
  return (column: string, params: unknown[]) => scopeClause(actor, CASES_HANDLE, column, params);
}

export function inHandleScope(actor: Actor, c: CaseRow): boolean {
  return pathInScope(actor, CASES_HANDLE, c.orgPath);
}

/** Why this actor may not handle a case they can otherwise reach, or null when they may. */
export function conflictOf(
  actor: Actor,
  c: CaseRow,
  filer: { digest: string | null } | null,
  cipher: FieldCipher,
): "named" | "filer" | null {
  if (actor.memberId !== null && actor.memberId === c.subjectMemberId) return "named";
  if (filer?.digest && filerDigests(cipher, actor.userId).includes(filer.digest)) return "filer";
  return null;
}

/** A case the actor may handle: in scope (else 404, saying nothing) and without a conflict. */
export function requireHandler(
  actor: Actor,
  c: CaseRow | null,
  filer: { digest: string | null } | null,
  cipher: FieldCipher,
): CaseRow {
  requirePermission(can(actor, CASES_HANDLE));
  if (!c || !inHandleScope(actor, c)) throw caseNotFound();
  if (conflictOf(actor, c, filer, cipher)) {
    throw new Forbidden({
      "zh-CN": "您与本案存在利害关系，应当回避，由上级组织或其他承办人办理",
      "en-US": "You are party to this case and must step aside",
    });
  }
  return c;
}
