import type { AuditActor } from "../../../platform/audit/record.ts";

/**
 * The audit actor for what a filer does: no user id, address or request id, since any of
 * them beside the case would tell the audit log's readers who reported. The handlers learn
 * the filer from the encrypted identity, through an audited reveal.
 */
export const filerActor: AuditActor = { userId: null, label: "case-filer" };

/** The actor for notices the system sends about a case (to handlers, on escalation). */
export const caseSystemActor: AuditActor = { userId: null, label: "system" };
