import { type Actor, can } from "../../platform/auth/actor.ts";
import { Forbidden } from "../../platform/errors.ts";

/** Only the audit administrator reads the log (三员分立); nobody can change it. */
export function assertCanReadAudit(actor: Actor) {
  if (!can(actor, "audit:read")) throw new Forbidden();
}
