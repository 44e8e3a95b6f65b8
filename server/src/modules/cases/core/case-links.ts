import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import type { Locale } from "../../../platform/i18n.ts";
import { MACHINES } from "../case-types.ts";
import { conflictOf, inHandleScope } from "../cases.policy.ts";
import { findFiler } from "./case-events.repo.ts";
import { linksOf } from "./case-links.repo.ts";
import { type CaseRow, casesByIds } from "./cases.repo.ts";
import { type LinkType, mayLink } from "./machine.ts";

/**
 * A case's links as this handler may see them: only to cases they could open themselves (in
 * their scope, and not one they must step aside from), so a link never shows a number the
 * handler could not otherwise reach. Also the link types they may open from it now.
 */
export async function linksForHandler(ctx: AppContext, actor: Actor, c: CaseRow, lang: Locale) {
  const links = await linksOf(ctx.db, c.id);
  const others = new Map(
    (
      await casesByIds(
        ctx.db,
        links.map((l) => l.otherCaseId),
      )
    ).map((o) => [o.id, o]),
  );
  const visible = [];
  for (const l of links) {
    const other = others.get(l.otherCaseId);
    if (!other || !inHandleScope(actor, other)) continue;
    if (conflictOf(actor, other, await findFiler(ctx.db, other.id), ctx.cipher)) continue;
    visible.push({
      caseId: other.id,
      number: other.number,
      caseType: other.caseType,
      linkType: l.linkType,
      direction: l.direction,
      stateLabel: MACHINES[other.caseType].states[other.state]?.label[lang] ?? other.state,
      createdOn: l.createdOn,
    });
  }
  const machine = MACHINES[c.caseType];
  const open = (Object.keys(machine.links ?? {}) as LinkType[]).filter(
    (type) =>
      mayLink(machine, type, c.state, c.outcome) &&
      !links.some((l) => l.linkType === type && l.direction === "to") &&
      // Only a protection case that a false accusation opened has an accuser to name.
      (type !== "discipline_for_accuser" ||
        links.some((l) => l.linkType === "protection_for_accused" && l.direction === "from")),
  );
  return { links: visible, open };
}
