import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { remindOverdue } from "../rectification/remind-overdue.ts";
import {
  callPut,
  fillAndSubmit,
  type ReviewTree,
  reviewTree,
  scheduleMeeting,
  selfReviewOf,
} from "../review.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let meeting: Awaited<ReturnType<typeof scheduleMeeting>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  meeting = await scheduleMeeting(app, t.branchSecretary, t.branch.id);
});

const articles = async (who: typeof t.member, id: number) =>
  (await call(app, who, "GET", `/api/review/self-reviews/${id}`))
    .json()
    .items.map((i: { articleLabel: string }) => i.articleLabel);

describe("scheduling a meeting", () => {
  it("lists every active member as 应到 and tells them to fill in their material", async () => {
    expect(meeting.attendees.map((a) => a.memberId).sort()).toEqual(
      [t.self.id, t.cadre.id, t.liu.id, t.chen.id, t.probationary.id].sort(),
    );
    const notes = await ctx.db.query(
      "SELECT 1 FROM notifications WHERE kind = 'review.self_review' AND source_id = $1",
      [String(meeting.id)],
    );
    expect(notes.rowCount).toBeGreaterThan(0);
  });

  it("draws Articles 18-20 for a cadre and not for a member, quoting each provision", async () => {
    const cadre = await articles(t.branchSecretary, selfReviewOf(meeting, t.cadre.id));
    const member = await articles(t.liuCaller, selfReviewOf(meeting, t.liu.id));
    for (const label of ["第十八条", "第十九条", "第二十条"]) {
      expect(cadre).toContain(label);
      expect(member).not.toContain(label);
    }
    expect(member).toContain("第十条");
    const detail = (
      await call(
        app,
        t.liuCaller,
        "GET",
        `/api/review/self-reviews/${selfReviewOf(meeting, t.liu.id)}`,
      )
    ).json();
    expect(
      detail.items.find((i: { articleLabel: string }) => i.articleLabel === "第十四条")
        .provisionText,
    ).toContain("境外");
  });

  it("refuses a rectification deadline before the meeting, in Chinese", async () => {
    const res = await call(app, t.branchSecretary, "POST", "/api/review/meetings", {
      kind: "branch_life",
      orgId: t.branch.id,
      heldOn: "2025-05-01",
      topic: "x",
      rectifyBy: "2025-04-01",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      field: "rectifyBy",
      message: "整改期限不能早于会议日期",
    });
  });

  it("records attendance, refusing an absence without its reason", async () => {
    const url = `/api/review/meetings/${meeting.id}/attendance`;
    const bad = await callPut(app, t.branchSecretary, url, {
      entries: [{ memberId: t.chen.id, present: false }],
    });
    expect(bad.statusCode).toBe(400);
    const ok = await callPut(app, t.branchSecretary, url, {
      entries: [{ memberId: t.chen.id, present: false, absenceReason: "外出培训" }],
    });
    // The others are still 未登记: nobody is present until recorded so.
    expect(ok.json()).toMatchObject({ expected: 5, present: 0 });
    const rest = meeting.attendees
      .filter((a) => a.memberId !== t.chen.id)
      .map((a) => ({ memberId: a.memberId, present: true }));
    const all = await callPut(app, t.branchSecretary, url, { entries: rest });
    expect(all.json()).toMatchObject({ expected: 5, present: 4 });
  });
});

describe("a member's self-review", () => {
  it("autosaves drafts, refuses an incomplete submission, then locks on submit", async () => {
    const id = selfReviewOf(meeting, t.liu.id);
    const draft = await callPut(app, t.liuCaller, `/api/review/self-reviews/${id}/draft`, {
      items: [{ seq: 1, answer: "gap", problem: "转发未核实消息" }],
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().items[0]).toMatchObject({ answer: "gap", problem: "转发未核实消息" });
    const early = await call(app, t.liuCaller, "POST", `/api/review/self-reviews/${id}/submit`);
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe("items.1.cause");

    expect((await fillAndSubmit(app, t.liuCaller, id, [1, 3])).statusCode).toBe(200);
    const edit = await callPut(app, t.liuCaller, `/api/review/self-reviews/${id}/draft`, {
      items: [{ seq: 1, answer: "meets" }],
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toContain("已提交");
    const english = await app.inject({
      method: "PUT",
      url: `/api/review/self-reviews/${id}/draft`,
      headers: { ...t.liuCaller.headers, "accept-language": "en-US" },
      payload: { items: [] },
    });
    expect(english.json().error.message).toContain("locked");
  });

  it("turns every gap into a rectification item owned by the member", async () => {
    const list = await call(
      app,
      t.branchSecretary,
      "GET",
      `/api/review/rectifications?meetingId=${meeting.id}`,
    );
    const items = list
      .json()
      .items.filter((i: { owner: { id: number } }) => i.owner.id === t.liu.id);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      measure: "转发前先核实来源",
      dueOn: "2025-03-31",
      status: "open",
    });
  });

  it("is returned by the secretary with a comment the member is notified of, then revised", async () => {
    const id = selfReviewOf(meeting, t.liu.id);
    const other = await call(
      app,
      t.siblingSecretary,
      "POST",
      `/api/review/self-reviews/${id}/return`,
      {
        comment: "问题查摆不够具体",
      },
    );
    expect(other.statusCode).toBe(404);
    const back = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/review/self-reviews/${id}/return`,
      {
        comment: "问题查摆不够具体",
      },
    );
    expect(back.json()).toMatchObject({ status: "returned", returnComment: "问题查摆不够具体" });
    const note = await ctx.db.query(
      "SELECT body FROM notifications WHERE kind = 'review.returned' AND source_id = $1",
      [String(id)],
    );
    expect(note.rows[0]?.body).toBe("问题查摆不够具体");
    // Revised with one gap withdrawn: its open item goes away.
    expect((await fillAndSubmit(app, t.liuCaller, id, [1])).statusCode).toBe(200);
    const list = await call(app, t.liuCaller, "GET", "/api/review/rectifications?mine=true");
    expect(list.json().items).toHaveLength(1);
  });

  it("is invisible to another member and to the sibling town", async () => {
    const id = selfReviewOf(meeting, t.liu.id);
    for (const who of [t.chenCaller, t.siblingSecretary, t.siblingDiscipline]) {
      expect((await call(app, who, "GET", `/api/review/self-reviews/${id}`)).statusCode).toBe(404);
    }
    expect(
      (await call(app, t.discipline, "GET", `/api/review/self-reviews/${id}`)).statusCode,
    ).toBe(200);
  });
});

describe("rectification items", () => {
  it("go overdue, are reminded once a day, and close with evidence", async () => {
    const [item] = (
      await call(app, t.liuCaller, "GET", "/api/review/rectifications?mine=true")
    ).json().items;
    const moved = await call(
      app,
      t.branchSecretary,
      "PATCH",
      `/api/review/rectifications/${item.id}`,
      {
        dueOn: "2025-02-01",
      },
    );
    expect(moved.json()).toMatchObject({ overdue: true });
    const overdue = await call(
      app,
      t.branchSecretary,
      "GET",
      "/api/review/rectifications?status=overdue",
    );
    expect(overdue.json().items.map((i: { id: number }) => i.id)).toContain(item.id);
    expect(await remindOverdue(ctx)).toBeGreaterThanOrEqual(1);
    expect(await remindOverdue(ctx)).toBe(0);
    const reminded = await ctx.db.query(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'review.rectification_overdue' AND source_id = $1",
      [String(item.id)],
    );
    // The owner, and the secretaries: the branch's (who held the meeting) and the town's.
    expect(reminded.rows[0]?.n).toBe(3);
    const done = await call(
      app,
      t.liuCaller,
      "POST",
      `/api/review/rectifications/${item.id}/complete`,
      {
        evidence: "已删除转发内容并在支部会上说明",
      },
    );
    expect(done.json()).toMatchObject({ status: "done", overdue: false });
    const again = await call(
      app,
      t.liuCaller,
      "POST",
      `/api/review/rectifications/${item.id}/complete`,
      {
        evidence: "再次",
      },
    );
    expect(again.statusCode).toBe(409);
  });

  it("audits every change in its transaction", async () => {
    for (const action of [
      "review.meeting.create",
      "review.meeting.attendance",
      "review.self_review.submit",
      "review.self_review.return",
      "review.rectification.update",
      "review.rectification.complete",
      "review.rectification.remind",
    ]) {
      expect(await auditCount(ctx, action), action).toBeGreaterThan(0);
    }
  });
});

describe("相互批评", () => {
  it("records criticism and response between two attendees, not with oneself", async () => {
    const url = `/api/review/meetings/${meeting.id}/criticisms`;
    const self = await call(app, t.branchSecretary, "POST", url, {
      fromMemberId: t.liu.id,
      toMemberId: t.liu.id,
      criticism: "x",
    });
    expect(self.statusCode).toBe(400);
    const ok = await call(app, t.branchSecretary, "POST", url, {
      fromMemberId: t.liu.id,
      toMemberId: t.cadre.id,
      criticism: "在工作群转发信息前核实不够",
      response: "诚恳接受，立行立改",
    });
    expect(ok.json().criticisms[0]).toMatchObject({ fromName: "刘红梅", toName: "赵德胜" });
  });
});
