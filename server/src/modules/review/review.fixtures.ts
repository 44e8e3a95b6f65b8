/** Shared by the review tests: a branch with a secretary, a cadre and members, and callers. */
import type { FastifyInstance } from "fastify";
import { buildMember } from "../../../test/factories.ts";
import { systemActor } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { seedRegulationOnce } from "../../seed/seed-regulation.ts";
import { type Caller, call, callerWith, countyTree } from "../orgs/orgs.fixtures.ts";

export async function reviewTree(ctx: AppContext, tag = "") {
  await seedRegulationOnce(ctx.db, systemActor);
  const t = await countyTree(ctx, tag);
  const cadre = await buildMember(ctx.db, { org: t.branch, name: "赵德胜", isCadre: true });
  const liu = await buildMember(ctx.db, { org: t.branch, name: "刘红梅" });
  const chen = await buildMember(ctx.db, { org: t.branch, name: "陈晓明" });
  const probationary = await buildMember(ctx.db, {
    org: t.branch,
    name: "孙文博",
    status: "probationary",
  });
  return {
    ...t,
    cadre,
    liu,
    chen,
    probationary,
    branchSecretary: await callerWith(ctx, "secretary", t.branch, cadre),
    liuCaller: await callerWith(ctx, "member", t.branch, liu),
    chenCaller: await callerWith(ctx, "member", t.branch, chen),
    probationaryCaller: await callerWith(ctx, "member", t.branch, probationary),
    discipline: await callerWith(ctx, "discipline_officer", t.town),
    siblingDiscipline: await callerWith(ctx, "discipline_officer", t.otherTown),
  };
}
export type ReviewTree = Awaited<ReturnType<typeof reviewTree>>;

export async function scheduleMeeting(
  app: FastifyInstance,
  who: Caller,
  orgId: number,
  extra: Record<string, unknown> = {},
) {
  const res = await call(app, who, "POST", "/api/review/meetings", {
    kind: "branch_life",
    orgId,
    heldOn: "2025-01-10",
    topic: "2024年度组织生活会",
    location: "党员活动室",
    rectifyBy: "2025-03-31",
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as {
    id: number;
    attendees: { memberId: number; selfReview: { id: number } | null }[];
  };
}

export function selfReviewOf(
  meeting: Awaited<ReturnType<typeof scheduleMeeting>>,
  memberId: number,
): number {
  const id = meeting.attendees.find((a) => a.memberId === memberId)?.selfReview?.id;
  if (id === undefined) throw new Error(`member ${memberId} has no self-review`);
  return id;
}

/** Answers every line: the given lines as gaps with their three parts, the rest as 符合. */
export async function fillAndSubmit(
  app: FastifyInstance,
  who: Caller,
  id: number,
  gaps: number[] = [1],
) {
  const detail = (await call(app, who, "GET", `/api/review/self-reviews/${id}`)).json();
  const items = detail.items.map((i: { seq: number }) =>
    gaps.includes(i.seq)
      ? {
          seq: i.seq,
          answer: "gap",
          problem: "转发未经核实的消息",
          cause: "政治敏锐性不强",
          measure: "转发前先核实来源",
        }
      : { seq: i.seq, answer: "meets" },
  );
  await callPut(app, who, `/api/review/self-reviews/${id}/draft`, {
    overview: "本人一年来认真学习网络行为规定。",
    items,
  });
  return call(app, who, "POST", `/api/review/self-reviews/${id}/submit`);
}

export function callPut(app: FastifyInstance, who: Caller, url: string, body: unknown) {
  return app.inject({
    method: "PUT",
    url,
    headers: { ...who.headers, "accept-language": "zh-CN" },
    payload: body as object,
  });
}
