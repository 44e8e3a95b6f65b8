import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { anonymous, auditCount, type Caller, call } from "../orgs/orgs.fixtures.ts";
import {
  article,
  type ContributionsTree,
  contributionsTree,
  video,
} from "./contributions.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ContributionsTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await contributionsTree(ctx);
});

const submit = async (who: Caller, body: Record<string, unknown> = article) => {
  const res = await call(app, who, "POST", "/api/contributions", body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

const inbox = async (memberId: number) =>
  (
    await ctx.db.query<{ title: string; body: string }>(
      `SELECT n.title, n.body FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.member_id = $1 ORDER BY n.id`,
      [memberId],
    )
  ).rows;

describe("a member's own works (Art 5-8)", () => {
  it("are submitted by the member as they typed them, pending, and audited", async () => {
    const before = await auditCount(ctx, "contribution.submit");
    const work = await submit(t.writerCaller);
    expect(work).toMatchObject({
      title: article.title,
      kind: "article",
      reportedReach: 3200,
      state: "pending",
      member: { name: "李春梅" },
      orgName: "城关镇第一党支部",
      can: { edit: true, review: false },
    });
    expect(await auditCount(ctx, "contribution.submit")).toBe(before + 1);
    expect((await call(app, anonymous, "GET", "/api/contributions/mine")).statusCode).toBe(401);
  });

  it("refuse bad input at the field with a zh-CN message, never a 500", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...article, link: "javascript:alert(1)" }, "link"],
      [{ ...article, link: "ftp://example.cn/a" }, "link"],
      [{ ...article, publishedOn: "2999-01-01" }, "publishedOn"],
      [{ ...article, reportedReach: -5 }, "reportedReach"],
      [{ ...article, reportedReach: 1.5 }, "reportedReach"],
      [{ ...article, kind: "livestream" }, "kind"],
      [{ ...article, title: "" }, "title"],
      [{ ...article, description: " " }, "description"],
    ];
    for (const [body, field] of cases) {
      const res = await call(app, t.writerCaller, "POST", "/api/contributions", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it("are edited and withdrawn by the member while pending, then no longer (409)", async () => {
    const work = await submit(t.writerCaller, video);
    const edited = await call(app, t.writerCaller, "PUT", `/api/contributions/${work.id}`, {
      ...video,
      reportedReach: 150,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().reportedReach).toBe(150);
    // Nobody else edits it, not even the secretary who may read it.
    const bySecretary = await call(app, t.secretary, "PUT", `/api/contributions/${work.id}`, video);
    expect(bySecretary.statusCode).toBe(403);
    const byOther = await call(
      app,
      t.otherWriterCaller,
      "PUT",
      `/api/contributions/${work.id}`,
      video,
    );
    expect(byOther.statusCode).toBe(404);

    const before = await auditCount(ctx, "contribution.withdraw");
    const gone = await call(app, t.writerCaller, "POST", `/api/contributions/${work.id}/withdraw`);
    expect(gone.json()).toMatchObject({ state: "withdrawn", can: { edit: false } });
    expect(await auditCount(ctx, "contribution.withdraw")).toBe(before + 1);
    const again = await call(app, t.writerCaller, "PUT", `/api/contributions/${work.id}`, video);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain("已撤回");
    const review = await call(app, t.propaganda, "POST", `/api/contributions/${work.id}/accept`);
    expect(review.statusCode).toBe(409);
  });
});

describe("review by the propaganda officer or secretary", () => {
  it("accepts one and returns another with a reason; the member is told in the inbox", async () => {
    const a = await submit(t.writerCaller, { ...article, title: "社区志愿服务队的一天" });
    const b = await submit(t.writerCaller, { ...article, title: "转发：一则未注明出处的消息" });
    const queue = (await call(app, t.propaganda, "GET", "/api/contributions?limit=50")).json();
    expect(queue.items.map((c: { id: number }) => c.id)).toEqual(
      expect.arrayContaining([a.id, b.id]),
    );
    expect(queue.items.find((c: { id: number }) => c.id === a.id).can.review).toBe(true);

    const before = await auditCount(ctx, "contribution.accept");
    const accepted = await call(app, t.propaganda, "POST", `/api/contributions/${a.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: "accepted", can: { review: false } });
    expect(await auditCount(ctx, "contribution.accept")).toBe(before + 1);

    const noReason = await call(app, t.secretary, "POST", `/api/contributions/${b.id}/return`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe("reason");
    const returned = await call(app, t.secretary, "POST", `/api/contributions/${b.id}/return`, {
      reason: "内容为转发，请报送本人原创的作品",
    });
    expect(returned.json()).toMatchObject({
      state: "returned",
      returnReason: "内容为转发，请报送本人原创的作品",
    });
    const twice = await call(app, t.propaganda, "POST", `/api/contributions/${b.id}/accept`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain("已退回");

    const messages = await inbox(t.writer.id);
    expect(messages.map((m) => m.title)).toEqual(
      expect.arrayContaining([
        "您报送的作品「社区志愿服务队的一天」已被采用",
        "您报送的作品「转发：一则未注明出处的消息」被退回",
      ]),
    );
    const mine = (await call(app, t.writerCaller, "GET", "/api/contributions/mine")).json();
    expect(mine.items.find((c: { id: number }) => c.id === b.id).returnReason).toContain("原创");
  });

  it("a member may not review, and a sibling subtree sees and reviews nothing", async () => {
    const work = await submit(t.writerCaller, { ...article, title: "网上答疑：医保报销怎么办" });
    expect((await call(app, t.member, "GET", "/api/contributions")).statusCode).toBe(403);
    expect(
      (await call(app, t.writerCaller, "POST", `/api/contributions/${work.id}/accept`)).statusCode,
    ).toBe(403);
    for (const sibling of [t.siblingSecretary, t.siblingPropaganda]) {
      const list = (await call(app, sibling, "GET", "/api/contributions?limit=500")).json();
      expect(list.items.map((c: { member: { name: string } }) => c.member.name)).not.toContain(
        "李春梅",
      );
      expect((await call(app, sibling, "GET", `/api/contributions/${work.id}`)).statusCode).toBe(
        404,
      );
      expect(
        (await call(app, sibling, "POST", `/api/contributions/${work.id}/accept`)).statusCode,
      ).toBe(404);
    }
    const other = await submit(t.otherWriterCaller);
    const town = (await call(app, t.propaganda, "GET", "/api/contributions?limit=500")).json();
    expect(town.items.map((c: { id: number }) => c.id)).not.toContain(other.id);
    expect(
      (await call(app, t.siblingPropaganda, "GET", "/api/contributions"))
        .json()
        .items.map((c: { id: number }) => c.id),
    ).toContain(other.id);
  });

  it("pages the queue oldest first", async () => {
    const p1 = (await call(app, t.secretary, "GET", "/api/contributions?limit=1")).json();
    expect(p1.items).toHaveLength(1);
    const p2 = (
      await call(app, t.secretary, "GET", `/api/contributions?limit=1&after=${p1.nextCursor}`)
    ).json();
    expect(p2.items[0].id).toBeGreaterThan(p1.items[0].id);
  });
});

describe("commendations (Art 23)", () => {
  let accepted: number;
  let commendationId: number;
  const proposal = () => ({
    memberId: t.writer.id,
    contributionIds: [accepted],
    title: "2026年度网络正能量传播先进个人",
    level: "committee",
    reason: "积极在网上宣传社区建设成就，作品被采用并广泛传播。",
  });

  beforeAll(async () => {
    const work = await submit(t.writerCaller, { ...article, title: "共享菜园里的邻里情" });
    await call(app, t.propaganda, "POST", `/api/contributions/${work.id}/accept`);
    accepted = work.id;
  });

  it("cite only the member's accepted works", async () => {
    const pending = await submit(t.writerCaller, { ...article, title: "尚未审核的作品" });
    const res = await call(app, t.propaganda, "POST", "/api/commendations", {
      ...proposal(),
      contributionIds: [accepted, pending.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("contributionIds");
    const sibling = await call(app, t.siblingPropaganda, "POST", "/api/commendations", proposal());
    expect(sibling.statusCode).toBe(404);
  });

  it("are proposed by an officer and approved by someone else, never the proposer", async () => {
    const before = await auditCount(ctx, "commendation.propose");
    const res = await call(app, t.secretary, "POST", "/api/commendations", proposal());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ state: "proposed", can: { decide: false } });
    expect(res.json().contributions).toEqual([
      { id: accepted, title: "共享菜园里的邻里情", kind: "article" },
    ]);
    expect(await auditCount(ctx, "commendation.propose")).toBe(before + 1);
    commendationId = res.json().id;
    const told = await ctx.db.query<{ title: string; toProposer: boolean }>(
      `SELECT n.title, n.user_id = k.proposed_by AS "toProposer"
         FROM notifications n JOIN commendations k ON k.id::text = n.source_id
        WHERE n.kind = 'commendation.proposed' AND n.source_id = $1::text`,
      [commendationId],
    );
    expect(told.rows.length).toBeGreaterThan(0);
    expect(told.rows.map((r) => r.toProposer)).not.toContain(true);
    expect(told.rows[0]?.title).toBe("表彰建议待审批：2026年度网络正能量传播先进个人");

    const body = { approvedOn: "2026-11-20", documentNo: "城关党委〔2026〕12号" };
    const self = await call(
      app,
      t.secretary,
      "POST",
      `/api/commendations/${commendationId}/approve`,
      body,
    );
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain("提出人以外");
    const byPropaganda = await call(
      app,
      t.propaganda,
      "POST",
      `/api/commendations/${commendationId}/approve`,
      body,
    );
    expect(byPropaganda.statusCode).toBe(403);
    const sibling = await call(
      app,
      t.siblingSecretary,
      "POST",
      `/api/commendations/${commendationId}/approve`,
      body,
    );
    expect(sibling.statusCode).toBe(404);
    const future = await call(
      app,
      t.deputy,
      "POST",
      `/api/commendations/${commendationId}/approve`,
      {
        ...body,
        approvedOn: "2999-01-01",
      },
    );
    expect(future.json().error.field).toBe("approvedOn");

    const approved = await call(
      app,
      t.deputy,
      "POST",
      `/api/commendations/${commendationId}/approve`,
      body,
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: "approved", approvedOn: "2026-11-20" });
    expect(await auditCount(ctx, "commendation.approve")).toBe(1);
    const again = await call(
      app,
      t.deputy,
      "POST",
      `/api/commendations/${commendationId}/decline`,
      {
        reason: "重复",
      },
    );
    expect(again.statusCode).toBe(409);
    expect((await inbox(t.writer.id)).map((m) => m.title)).toContain(
      "您获得表彰：2026年度网络正能量传播先进个人",
    );
  });

  it("cannot be approved by its proposer even by a direct UPDATE", async () => {
    const res = await call(app, t.propaganda, "POST", "/api/commendations", {
      ...proposal(),
      title: "优秀网评员",
    });
    expect(res.statusCode, res.body).toBe(201);
    await expect(
      ctx.db.query(
        `UPDATE commendations SET state = 'approved', decided_by = proposed_by, decided_at = now(),
           approved_on = '2026-11-20', document_no = '自批' WHERE id = $1`,
        [res.json().id],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it("show on the member's record, for the member and the roster's readers, not a sibling", async () => {
    const url = `/api/contributions/members/${t.writer.id}/record`;
    for (const who of [t.writerCaller, t.secretary, t.propaganda]) {
      const record = await call(app, who, "GET", url);
      expect(record.statusCode, record.body).toBe(200);
      expect(record.json().commendations.map((c: { id: number }) => c.id)).toEqual([
        commendationId,
      ]);
      expect(record.json().accepted.length).toBeGreaterThan(0);
    }
    expect((await call(app, t.siblingSecretary, "GET", url)).statusCode).toBe(404);
    expect((await call(app, t.otherWriterCaller, "GET", url)).statusCode).toBe(404);
    const sibling = (await call(app, t.siblingSecretary, "GET", "/api/commendations")).json();
    expect(sibling.items).toEqual([]);
  });

  it("export the subtree's approved commendations, watermarked and audited", async () => {
    expect(
      (await call(app, t.siblingSecretary, "GET", `/api/commendations.xlsx?orgId=${t.town.id}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(app, t.member, "GET", `/api/commendations.xlsx?orgId=${t.town.id}`)).statusCode,
    ).toBe(403);
    const res = await call(app, t.propaganda, "GET", `/api/commendations.xlsx?orgId=${t.town.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const text = JSON.stringify(sheet?.getSheetValues());
    expect(text).toContain("城关镇党委党员网络正能量表彰名单");
    expect(text).toContain("城关党委〔2026〕12号");
    expect(text).toContain("共享菜园里的邻里情");
    expect(text).toContain("导出人：");
    expect(await auditCount(ctx, "commendation.export")).toBe(1);
  });
});
