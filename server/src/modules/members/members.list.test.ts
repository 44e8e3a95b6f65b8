import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { buildMember, buildOrg } from "../../../test/factories.ts";
import { systemActor } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { call } from "../orgs/orgs.fixtures.ts";
import { createMembersBulk } from "./create-members-bulk.ts";
import { memberInput } from "./members.fixtures.ts";
import { type CountyTree, membersApp, townSecretary } from "./members.routes.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CountyTree;

beforeAll(async () => {
  ({ app, ctx, t } = await membersApp());
});

describe("the roster list", () => {
  let branch: Awaited<ReturnType<typeof buildOrg>>;
  let group: Awaited<ReturnType<typeof buildOrg>>;
  const names = ["王建国", "李秀英", "张志强", "刘海燕", "陈卫东", "杨丽娟", "黄文博"];

  beforeAll(async () => {
    branch = await buildOrg(ctx.db, { parent: t.town, kind: "branch", name: "城关镇第三党支部" });
    group = await buildOrg(ctx.db, { parent: branch, kind: "group", name: "第三党支部第一党小组" });
    const actor = await townSecretary(ctx, t);
    await withTx(ctx.db, (tx) =>
      createMembersBulk(
        tx,
        actor,
        names.map((name, i) =>
          memberInput(i < 5 ? branch.id : group.id, {
            name,
            gender: i % 2 ? "female" : "male",
            birthDate: `19${60 + i}-0${(i % 9) + 1}-1${i}`,
            joinedOn: `20${10 + i}-07-01`,
            confirmedOn: i === 3 ? null : `20${11 + i}-07-01`,
            status: i === 3 ? "probationary" : "full",
            isCadre: i < 2,
            position: i < 2 ? "支部委员" : null,
          }),
        ),
        { cipher: ctx.cipher, audit: systemActor },
      ),
    );
  });

  const list = async (qs: string) => {
    const res = await call(app, t.secretary, "GET", `/api/members?orgId=${branch.id}&${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { name: string; idNumberMasked: string }[]; total: number };
  };

  it("pages with a total, masked ID numbers only", async () => {
    const p1 = await list("pageSize=3&sort=joinedOn");
    expect(p1.total).toBe(7);
    expect(p1.items.map((m) => m.name)).toEqual(names.slice(0, 3));
    const p3 = await list("pageSize=3&page=3&sort=joinedOn");
    expect(p3.items.map((m) => m.name)).toEqual(names.slice(6));
    for (const m of p1.items) expect(m.idNumberMasked).toMatch(/^\d{6}\*{12}$/);
  });

  it("walks every sort by cursor to the same rows as offset pages, and says when there is more", async () => {
    for (const [sort, order] of [
      ["joinedOn", "asc"],
      ["birthDate", "desc"],
      ["name", "asc"],
      ["id", "desc"],
    ] as const) {
      const all = (await list(`pageSize=100&sort=${sort}&order=${order}`)).items.map((m) => m.name);
      const walked: string[] = [];
      let after = "";
      for (let i = 0; i < 10; i++) {
        const page = (await list(`pageSize=2&sort=${sort}&order=${order}${after}`)) as unknown as {
          items: { name: string }[];
          hasMore: boolean;
          nextCursor: string | null;
        };
        walked.push(...page.items.map((m) => m.name));
        if (!page.hasMore) {
          expect(page.nextCursor).toBeNull();
          break;
        }
        expect(page.nextCursor).toMatch(new RegExp(`^${sort}:${order}:\\d+$`));
        after = `&after=${page.nextCursor}`;
      }
      expect(walked).toEqual(all);
    }
  });

  it("refuses a cursor of another sort at the after field, and gives nothing after a member out of scope", async () => {
    const first = (await list("pageSize=2&sort=joinedOn")) as unknown as { nextCursor: string };
    const res = await call(
      app,
      t.secretary,
      "GET",
      `/api/members?sort=name&after=${first.nextCursor}`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toMatch(/after/);
    const junk = await call(app, t.secretary, "GET", "/api/members?after=joinedOn:asc:0");
    expect(junk.statusCode).toBe(400);
    const outsider = await buildMember(ctx.db, { org: t.otherBranch, name: "赵东街" });
    const page = await call(
      app,
      t.secretary,
      "GET",
      `/api/members?sort=joinedOn&after=joinedOn:asc:${outsider.id}`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ items: [], hasMore: false, nextCursor: null });
  });

  it("sorts by each key in both directions", async () => {
    expect((await list("sort=birthDate&order=desc")).items.map((m) => m.name)).toEqual(
      [...names].reverse(),
    );
    const byName = (await list("sort=name")).items.map((m) => m.name);
    expect(byName).toEqual([...names].sort());
    const byId = (await list("sort=id&order=desc")).items.map((m) => m.name);
    expect(byId).toEqual([...names].reverse());
  });

  it("filters by status, cadre, name prefix or part, and the org subtree", async () => {
    expect((await list("status=probationary")).items.map((m) => m.name)).toEqual(["刘海燕"]);
    expect((await list("isCadre=true&sort=joinedOn")).items.map((m) => m.name)).toEqual([
      "王建国",
      "李秀英",
    ]);
    expect((await list("isCadre=false")).total).toBe(5);
    expect(
      (await list(`name=${encodeURIComponent("张")}&nameMatch=prefix`)).items.map((m) => m.name),
    ).toEqual(["张志强"]);
    expect((await list(`name=${encodeURIComponent("海")}`)).items.map((m) => m.name)).toEqual([
      "刘海燕",
    ]);
    expect((await list(`name=${encodeURIComponent("海")}&nameMatch=prefix`)).total).toBe(0);
    const inGroup = await call(
      app,
      t.secretary,
      "GET",
      `/api/members?orgId=${group.id}&sort=joinedOn`,
    );
    expect(inGroup.json().items.map((m: { name: string }) => m.name)).toEqual(["杨丽娟", "黄文博"]);
    expect(inGroup.json().total).toBe(2);
  });

  it("gives totals from the per-org counts that match the rows for every status/cadre filter", async () => {
    for (const status of ["", "full", "probationary"]) {
      for (const isCadre of ["", "true", "false"]) {
        const qs = `pageSize=100${status && `&status=${status}`}${isCadre && `&isCadre=${isCadre}`}`;
        const page = await list(qs);
        expect(page.total, qs).toBe(page.items.length);
      }
    }
    expect((await list("status=full&isCadre=false")).total).toBe(4);
  });

  it("gives an empty page for an org outside the caller's scope", async () => {
    const res = await call(app, t.secretary, "GET", `/api/members?orgId=${t.otherBranch.id}`);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
  });

  it("hides archived members unless asked, and counts follow", async () => {
    const target = (await list("sort=joinedOn")).items[6] as unknown as { id: number };
    const archived = await call(app, t.secretary, "POST", `/api/members/${target.id}/archive`, {
      reason: "因病去世",
    });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().archiveReason).toBe("因病去世");
    expect(archived.json().history.at(-1).toDate).not.toBeNull();
    expect((await list("")).total).toBe(6);
    expect((await list("includeArchived=true")).total).toBe(7);
    const org = await call(app, t.secretary, "GET", `/api/orgs/${branch.id}`);
    expect(org.json()).toMatchObject({ memberCount: 5, subtreeMemberCount: 6 });
    const again = await call(app, t.secretary, "POST", `/api/members/${target.id}/archive`, {
      reason: "重复",
    });
    expect(again.statusCode).toBe(409);
    const edit = await call(app, t.secretary, "PATCH", `/api/members/${target.id}`, {
      name: "改名",
    });
    expect(edit.statusCode).toBe(409);
    expect(await ctx.db.query("SELECT 1 FROM members WHERE id = $1", [target.id])).toMatchObject({
      rowCount: 1,
    });
  });
});
