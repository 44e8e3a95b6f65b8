import type { AuditActor } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { storeCaseFile } from "../core/case-files.ts";
import { parentPath } from "../core/org-path.ts";
import { updateDiscipline } from "./discipline.repo.ts";
import { tellHandlers } from "./discipline-notify.ts";
import { loadForMember, takeStep } from "./discipline-steps.ts";

/** 陈述申辩: the member's own points, through their own account, within the period. */
export async function submitDefence(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  points: string[],
) {
  return withTx(ctx.db, async (tx) => {
    const loaded = await loadForMember(tx, actor, id, true);
    const done = await takeStep(tx, ctx, loaded, {
      step: "submit_defence",
      party: "member",
      actorUserId: actor.userId,
      audit,
      record: { points },
      toMember: true,
      meta: { points: points.length },
    });
    await updateDiscipline(tx, id, { defenceOn: done.today });
    await tellHandlers(
      tx,
      loaded.c,
      loaded.c.orgPath,
      `纪律审查案件 ${loaded.c.number} 收到党员的陈述申辩，请逐条答复`,
    );
    return { id: done.id, state: done.state };
  });
}

/** Material the member sends with their defence or appeal; handlers' files stay theirs. */
export async function addMemberFile(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  upload: { name: string; bytes: Buffer },
) {
  const { c } = await loadForMember(ctx.db, actor, id);
  if (!["notified", "defended", "decided", "appealed"].includes(c.state)) {
    throw new InvalidState({ "zh-CN": "当前不能提交材料", "en-US": "No material can be sent now" });
  }
  return storeCaseFile(ctx, c, audit, actor.userId, true, upload, (tx) =>
    tellHandlers(tx, c, c.orgPath, `纪律审查案件 ${c.number} 收到党员提交的材料`),
  );
}

/** 申诉: within the period, to the org one level up from the one that decided. */
export async function appeal(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  reasons: string,
) {
  return withTx(ctx.db, async (tx) => {
    const loaded = await loadForMember(tx, actor, id, true);
    const done = await takeStep(tx, ctx, loaded, {
      step: "appeal",
      party: "member",
      actorUserId: actor.userId,
      audit,
      record: { reasons },
      toMember: true,
    });
    await updateDiscipline(tx, id, { appealedOn: done.today });
    await tellHandlers(
      tx,
      loaded.c,
      parentPath(loaded.c.orgPath),
      `下级组织纪律审查案件 ${loaded.c.number} 的党员提出申诉，请复查`,
      false,
    );
    return { id: done.id, state: done.state };
  });
}
