import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import {
  buildMember,
  buildOrg,
  buildUser,
  type SignedIn,
  signIn,
} from "../../../test/factories.ts";
import { systemActor } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { notifyMembers } from "./send-notification.ts";

let app: FastifyInstance;
let ctx: AppContext;
let member: SignedIn;
let otherMember: SignedIn;
let secretary: SignedIn;
let siblingSecretary: SignedIn;
let wangId: number;
let liId: number;
let otherMemberUser: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const town = await buildOrg(ctx.db, { name: "中共东湖镇委员会" });
  const branch = await buildOrg(ctx.db, { parent: town, name: "东湖镇渔港村党支部" });
  const sibling = await buildOrg(ctx.db, { name: "中共白沙镇委员会" });
  const wang = await buildMember(ctx.db, { org: branch, name: "王秀英" });
  const li = await buildMember(ctx.db, { org: branch, name: "李志强" });
  member = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "member", at: branch, member: wang }),
  );
  const liUser = await buildUser(ctx.db, { role: "member", at: branch, member: li });
  otherMember = await signIn(ctx.db, liUser);
  otherMemberUser = liUser.id;
  wangId = wang.id;
  liId = li.id;
  secretary = await signIn(ctx.db, await buildUser(ctx.db, { role: "secretary", at: town }));
  siblingSecretary = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "secretary", at: sibling }),
  );
  await withTx(ctx.db, (tx) =>
    notifyMembers(tx, systemActor, [wang.id, li.id], {
      kind: "study.reminder",
      title: "请在 12 月 15 日前完成专题学习考试",
      link: "/study",
      sourceType: "campaign",
      sourceId: 7,
      orgPath: branch.path,
    }),
  );
});

const mine = (who: SignedIn) =>
  app
    .inject({ method: "GET", url: "/api/notifications", headers: who.headers })
    .then((r) => r.json());

describe("notifications", () => {
  it("reach each member, and the send is audited once", async () => {
    expect((await mine(member)).items.map((n: { title: string }) => n.title)).toEqual([
      "请在 12 月 15 日前完成专题学习考试",
    ]);
    const audit = await ctx.db.query(
      "SELECT after FROM audit_events WHERE action = 'notification.send'",
    );
    expect(audit.rows).toEqual([
      {
        after: {
          kind: "study.reminder",
          title: "请在 12 月 15 日前完成专题学习考试",
          recipients: 2,
        },
      },
    ]);
  });

  it("are marked read only by their own recipient, with a receipt for the sender's scope", async () => {
    const id = (await mine(member)).items[0].id;
    const stranger = await app.inject({
      method: "POST",
      url: `/api/notifications/${id}/read`,
      headers: otherMember.headers,
    });
    expect(stranger.statusCode).toBe(404);
    const read = await app.inject({
      method: "POST",
      url: `/api/notifications/${id}/read`,
      headers: member.headers,
    });
    expect(read.statusCode).toBe(200);
    expect((await mine(member)).unread).toBe(0);
    expect((await mine(otherMember)).unread).toBe(1);
    const receipts = await app.inject({
      method: "GET",
      url: "/api/notifications/receipts?sourceType=campaign&sourceId=7",
      headers: secretary.headers,
    });
    expect(receipts.json()).toMatchObject({ sent: 2, read: 1 });
  });

  it("show a secretary of a sibling town no receipts, and refuse members and strangers", async () => {
    const url = "/api/notifications/receipts?sourceType=campaign&sourceId=7";
    expect(
      (await app.inject({ method: "GET", url, headers: siblingSecretary.headers })).json(),
    ).toMatchObject({ sent: 0, items: [] });
    expect((await app.inject({ method: "GET", url, headers: member.headers })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ method: "GET", url })).statusCode).toBe(401);
  });

  it("count the unread for the badge and mark all of one's own read at once", async () => {
    const count = (who: SignedIn) =>
      app
        .inject({ method: "GET", url: "/api/notifications/unread-count", headers: who.headers })
        .then((r) => r.json().unread);
    await withTx(ctx.db, (tx) =>
      notifyMembers(tx, systemActor, [wangId, liId], {
        kind: "review.round_open",
        title: "民主评议已开始投票，请于 12 月 20 日前完成",
        link: "/review",
      }),
    );
    expect(await count(otherMember)).toBe(2);
    expect(await count(member)).toBe(1);
    const all = await app.inject({
      method: "POST",
      url: "/api/notifications/read-all",
      headers: otherMember.headers,
    });
    expect(all.json()).toEqual({ read: 2 });
    expect(await count(otherMember)).toBe(0);
    expect(await count(member)).toBe(1);
    const audit = await ctx.db.query(
      "SELECT actor_user_id, after FROM audit_events WHERE action = 'notification.read_all'",
    );
    expect(audit.rows).toEqual([{ actor_user_id: otherMemberUser, after: { read: 2 } }]);
    for (const [method, url] of [
      ["GET", "/api/notifications/unread-count"],
      ["POST", "/api/notifications/read-all"],
    ] as const) {
      expect((await app.inject({ method, url })).statusCode).toBe(401);
    }
  });

  it("answer random list queries with 200 or 400", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("page", "pageSize", "unreadOnly", "x"), fc.string()),
        async (query) => {
          const res = await app.inject({
            method: "GET",
            url: "/api/notifications",
            query,
            headers: member.headers,
          });
          expect([200, 400]).toContain(res.statusCode);
        },
      ),
      { numRuns: 50 },
    );
  });
});
