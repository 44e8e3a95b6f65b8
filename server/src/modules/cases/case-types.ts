import type { AuditActor } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import type { TransitionBody } from "./cases.schemas.ts";
import type { CaseRow } from "./core/cases.repo.ts";
import type { CaseMachine } from "./core/machine.ts";
import { disciplineMachine } from "./discipline/discipline-machine.ts";
import { protectionMachine } from "./protection/protection-machine.ts";
import { publishClarification } from "./protection/publish-clarification.ts";
import { markDuplicate } from "./reports/mark-duplicate.ts";
import { reportMachine } from "./reports/report-machine.ts";

export type CaseType = "report" | "protection" | "discipline";

export const MACHINES: Record<CaseType, CaseMachine> = {
  report: reportMachine,
  protection: protectionMachine,
  discipline: disciplineMachine,
};

/**
 * What a transition does beyond the state change, in the same transaction; returns what the
 * transition's event and audit row record of it.
 */
export type TransitionEffect = (
  tx: Queryable,
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  c: CaseRow,
  body: TransitionBody,
) => Promise<Record<string, unknown>>;

export const EFFECTS: Partial<Record<CaseType, Record<string, TransitionEffect>>> = {
  report: { mark_duplicate: markDuplicate },
  protection: { publish_clarification: publishClarification },
};
