import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg, type TestOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditCount, call, countyTree } from "./orgs.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx);
});

async function orgRow(id: number) {
  const r = await ctx.db.query(
    "SELECT id, parent_id, code, path::text AS path, archived_at FROM orgs WHERE id = $1",
    [id],
  );
  return r.rows[0];
}

describe("reading the tree", () => {
  it("starts a secretary's tree at their own committee, an admin's at the county", async () => {
    const mine = await call(app, t.secretary, "GET", "/api/orgs/roots");
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((o: { id: number }) => o.id)).toEqual([t.town.id]);
    const admin = await call(app, t.admin, "GET", "/api/orgs/roots");
    expect(admin.json().items.map((o: { id: number }) => o.id)).toEqual([t.county.id]);
  });

  it("lists children page by page with child, direct and subtree member counts", async () => {
    const town = await buildOrg(ctx.db, {
      parent: t.county,
      kind: "committee",
      name: "西湖镇党委",
    });
    const branches: TestOrg[] = [];
    for (let i = 1; i <= 5; i++) {
      branches.push(
        await buildOrg(ctx.db, { parent: town, kind: "branch", name: `西湖镇第${i}党支部` }),
      );
    }
    const [b1, b2] = branches as [TestOrg, TestOrg];
    const group = await buildOrg(ctx.db, {
      parent: b1,
      kind: "group",
      name: "第一党小组",
    });
    await buildMember(ctx.db, { org: b1, name: "李秀英" });
    await buildMember(ctx.db, { org: b1, name: "张志强" });
    await buildMember(ctx.db, { org: group, name: "刘海燕" });
    const archived = await buildMember(ctx.db, { org: b2, name: "陈卫东" });
    await ctx.db.query("UPDATE members SET archived_at = now() WHERE id = $1", [archived.id]);

    const first = await call(app, t.admin, "GET", `/api/orgs/${town.id}/children?pageSize=2`);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.total).toBe(5);
    expect(body.items.map((o: { name: string }) => o.name)).toEqual([
      "西湖镇第1党支部",
      "西湖镇第2党支部",
    ]);
    expect(body.items[0]).toMatchObject({
      childCount: 1,
      memberCount: 2,
      subtreeMemberCount: 3,
      code: `${town.code}001`,
    });
    expect(body.items[1]).toMatchObject({ childCount: 0, memberCount: 0, subtreeMemberCount: 0 });
    const third = await call(
      app,
      t.admin,
      "GET",
      `/api/orgs/${town.id}/children?page=3&pageSize=2`,
    );
    expect(third.json().items.map((o: { name: string }) => o.name)).toEqual(["西湖镇第5党支部"]);

    const detail = await call(app, t.admin, "GET", `/api/orgs/${town.id}`);
    expect(detail.json()).toMatchObject({ childCount: 5, memberCount: 0, subtreeMemberCount: 3 });
  });

  it("gives the breadcrumb only down from the top of the caller's scope", async () => {
    const group = await buildOrg(ctx.db, {
      parent: t.branch,
      kind: "group",
      name: "城关镇第一党小组",
    });
    const asSecretary = await call(app, t.secretary, "GET", `/api/orgs/${group.id}`);
    expect(asSecretary.statusCode).toBe(200);
    expect(asSecretary.json().ancestors.map((a: { id: number }) => a.id)).toEqual([
      t.town.id,
      t.branch.id,
    ]);
    const asAdmin = await call(app, t.admin, "GET", `/api/orgs/${group.id}`);
    expect(asAdmin.json().ancestors.map((a: { id: number }) => a.id)).toEqual([
      t.county.id,
      t.town.id,
      t.branch.id,
    ]);
    expect(asSecretary.json().can).toEqual({
      createChild: false,
      rename: true,
      move: true,
      archive: true,
    });
  });

  it("finds orgs by a piece of the name or the start of the code, with their ancestors", async () => {
    const byName = await call(
      app,
      t.secretary,
      "GET",
      `/api/orgs/search?q=${encodeURIComponent("第一党支部")}`,
    );
    expect(byName.statusCode).toBe(200);
    const names = byName.json().items.map((o: { name: string }) => o.name);
    expect(names).toContain("城关镇第一党支部");
    expect(names).not.toContain("东街镇第一党支部");
    const hit = byName.json().items.find((o: { id: number }) => o.id === t.branch.id);
    expect(hit.ancestors.map((a: { id: number }) => a.id)).toEqual([t.town.id]);

    const byCode = await call(app, t.admin, "GET", `/api/orgs/search?q=${t.otherTown.code}`);
    expect(byCode.json().items.map((o: { id: number }) => o.id)).toEqual([
      t.otherTown.id,
      t.otherBranch.id,
    ]);
    const wildcard = await call(app, t.admin, "GET", "/api/orgs/search?q=%25");
    expect(wildcard.json().total).toBe(0);
  });
});

describe("creating orgs", () => {
  it("gives a child the parent's code plus the next free three digits and audits it", async () => {
    const before = await auditCount(ctx, "org.create");
    const res = await call(app, t.secretary, "POST", "/api/orgs", {
      parentId: t.town.id,
      kind: "general_branch",
      name: "城关镇机关党总支",
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org.code).toMatch(new RegExp(`^${t.town.code}\\d{3}$`));
    expect(org.path).toBe(`${t.town.path}.${org.id}`);
    expect(await auditCount(ctx, "org.create")).toBe(before + 1);

    const child = await call(app, t.secretary, "POST", "/api/orgs", {
      parentId: org.id,
      kind: "branch",
      name: "城关镇机关第一党支部",
    });
    expect(child.statusCode).toBe(201);
    expect(child.json().code).toBe(`${org.code}001`);
    const second = await call(app, t.secretary, "POST", "/api/orgs", {
      parentId: org.id,
      kind: "branch",
      name: "城关镇机关第二党支部",
    });
    expect(second.json().code).toBe(`${org.code}002`);
  });

  it("refuses a kind that does not fit under the parent, naming kind", async () => {
    for (const [parentId, kind] of [
      [t.town.id, "group"],
      [t.branch.id, "branch"],
      [t.branch.id, "committee"],
    ] as const) {
      const res = await call(app, t.secretary, "POST", "/api/orgs", {
        parentId,
        kind,
        name: "不合规的组织",
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe("kind");
    }
  });

  it("lets only a system administrator create a top-level committee", async () => {
    const bySecretary = await call(app, t.secretary, "POST", "/api/orgs", {
      kind: "committee",
      name: "红旗市委",
    });
    expect(bySecretary.statusCode).toBe(403);
    const byAdmin = await call(app, t.admin, "POST", "/api/orgs", {
      kind: "committee",
      name: "红旗市委",
    });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json()).toMatchObject({ parentId: null, level: 1 });
    expect(byAdmin.json().code).toMatch(/^\d{3}$/);
    const branchRoot = await call(app, t.admin, "POST", "/api/orgs", {
      kind: "branch",
      name: "独立党支部",
    });
    expect(branchRoot.statusCode).toBe(400);
  });
});

describe("renaming, moving and archiving", () => {
  it("renames and records before and after", async () => {
    const org = await buildOrg(ctx.db, {
      parent: t.town,
      kind: "branch",
      name: "城关镇第九党支部",
    });
    const res = await call(app, t.secretary, "PATCH", `/api/orgs/${org.id}`, {
      name: "城关镇社区党支部",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe("城关镇社区党支部");
    const audit = await ctx.db.query(
      "SELECT before, after FROM audit_events WHERE action = 'org.rename' AND entity_id = $1",
      [String(org.id)],
    );
    expect(audit.rows).toEqual([
      { before: { name: "城关镇第九党支部" }, after: { name: "城关镇社区党支部" } },
    ]);
  });

  it("moves a three-level subtree with its members, rewriting every path and code", async () => {
    const from = await buildOrg(ctx.db, {
      parent: t.county,
      kind: "committee",
      name: "南山乡党委",
    });
    const to = await buildOrg(ctx.db, {
      parent: t.county,
      kind: "committee",
      name: "北苑街道党委",
    });
    await buildOrg(ctx.db, { parent: to, kind: "branch", name: "北苑第一党支部" });
    const gb = await buildOrg(ctx.db, {
      parent: from,
      kind: "general_branch",
      name: "南山乡机关党总支",
    });
    const br = await buildOrg(ctx.db, { parent: gb, kind: "branch", name: "南山乡机关第一党支部" });
    const gr = await buildOrg(ctx.db, { parent: br, kind: "group", name: "南山乡机关第一党小组" });
    const m1 = await buildMember(ctx.db, { org: br, name: "赵德胜" });
    const m2 = await buildMember(ctx.db, { org: gr, name: "孙红梅" });
    const outsider = await buildMember(ctx.db, { org: t.branch, name: "周文博" });

    const res = await call(app, t.admin, "POST", `/api/orgs/${gb.id}/move`, { newParentId: to.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ movedOrgs: 3, movedMembers: 2 });
    const newCode = `${to.code}002`;
    expect(res.json().org).toMatchObject({ parentId: to.id, code: newCode, subtreeMemberCount: 2 });

    expect(await orgRow(gb.id)).toMatchObject({
      parent_id: to.id,
      code: newCode,
      path: `${to.path}.${gb.id}`,
    });
    expect(await orgRow(br.id)).toMatchObject({
      parent_id: gb.id,
      code: `${newCode}001`,
      path: `${to.path}.${gb.id}.${br.id}`,
    });
    expect(await orgRow(gr.id)).toMatchObject({
      code: `${newCode}001001`,
      path: `${to.path}.${gb.id}.${br.id}.${gr.id}`,
    });
    const members = await ctx.db.query<{ id: number; org_path: string }>(
      "SELECT id, org_path::text FROM members WHERE id = ANY($1) ORDER BY id",
      [[m1.id, m2.id, outsider.id]],
    );
    expect(members.rows).toEqual([
      { id: m1.id, org_path: `${to.path}.${gb.id}.${br.id}` },
      { id: m2.id, org_path: `${to.path}.${gb.id}.${br.id}.${gr.id}` },
      { id: outsider.id, org_path: t.branch.path },
    ]);
    const fromNow = await call(app, t.admin, "GET", `/api/orgs/${from.id}`);
    expect(fromNow.json()).toMatchObject({ childCount: 0, subtreeMemberCount: 0 });
    const toNow = await call(app, t.admin, "GET", `/api/orgs/${to.id}`);
    expect(toNow.json()).toMatchObject({ childCount: 2, subtreeMemberCount: 2 });
    const audit = await ctx.db.query(
      "SELECT before, after FROM audit_events WHERE action = 'org.move' AND entity_id = $1",
      [String(gb.id)],
    );
    expect(audit.rows[0].before).toMatchObject({ parentId: from.id, code: gb.code });
    expect(audit.rows[0].after).toMatchObject({
      parentId: to.id,
      code: newCode,
      movedRows: { members: 2 },
    });
  });

  it("refuses to move an org under itself or its descendant with 409, changing nothing", async () => {
    const top = await buildOrg(ctx.db, {
      parent: t.town,
      kind: "committee",
      name: "城关镇企业党委",
    });
    const mid = await buildOrg(ctx.db, {
      parent: top,
      kind: "committee",
      name: "城关镇工业园党委",
    });
    const low = await buildOrg(ctx.db, {
      parent: mid,
      kind: "committee",
      name: "园区一号企业党委",
    });
    const before = await Promise.all([top, mid, low].map((o) => orgRow(o.id)));
    for (const target of [top, mid, low]) {
      const res = await call(app, t.secretary, "POST", `/api/orgs/${top.id}/move`, {
        newParentId: target.id,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: "org_cycle", field: "newParentId" });
    }
    expect(await Promise.all([top, mid, low].map((o) => orgRow(o.id)))).toEqual(before);
  });

  it("refuses a move the new parent's kind does not allow", async () => {
    const gb = await buildOrg(ctx.db, {
      parent: t.town,
      kind: "general_branch",
      name: "城关镇学校党总支",
    });
    const res = await call(app, t.secretary, "POST", `/api/orgs/${gb.id}/move`, {
      newParentId: t.branch.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("newParentId");
  });

  it("archives only an empty org, says why otherwise, and never deletes it", async () => {
    const branch = await buildOrg(ctx.db, {
      parent: t.town,
      kind: "branch",
      name: "城关镇老干部党支部",
    });
    const group = await buildOrg(ctx.db, {
      parent: branch,
      kind: "group",
      name: "老干部第一党小组",
    });
    const member = await buildMember(ctx.db, { org: branch, name: "吴丽娟" });

    const refused = await call(app, t.secretary, "POST", `/api/orgs/${branch.id}/archive`, {
      reason: "支部合并",
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("org_not_empty");
    expect(refused.json().error.message).toContain("1 个下级党组织和 1 名党员");

    expect(
      (
        await call(app, t.secretary, "POST", `/api/orgs/${group.id}/archive`, {
          reason: "支部合并",
        })
      ).statusCode,
    ).toBe(200);
    await ctx.db.query("UPDATE members SET archived_at = now() WHERE id = $1", [member.id]);
    const ok = await call(app, t.secretary, "POST", `/api/orgs/${branch.id}/archive`, {
      reason: "支部合并",
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().archivedAt).not.toBeNull();
    expect(ok.json().archiveReason).toBe("支部合并");
    expect((await orgRow(branch.id))?.archived_at).not.toBeNull();

    const again = await call(app, t.secretary, "POST", `/api/orgs/${branch.id}/archive`, {
      reason: "重复撤销",
    });
    expect(again.statusCode).toBe(409);
    const children = await call(
      app,
      t.secretary,
      "GET",
      `/api/orgs/${t.town.id}/children?pageSize=100`,
    );
    expect(children.json().items.map((o: { id: number }) => o.id)).not.toContain(branch.id);
    const withArchived = await call(
      app,
      t.secretary,
      "GET",
      `/api/orgs/${t.town.id}/children?pageSize=100&includeArchived=true`,
    );
    expect(withArchived.json().items.map((o: { id: number }) => o.id)).toContain(branch.id);
    const renamed = await call(app, t.secretary, "PATCH", `/api/orgs/${branch.id}`, {
      name: "新名",
    });
    expect(renamed.statusCode).toBe(409);
  });
});

describe("OpenAPI", () => {
  it("documents the org routes", async () => {
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(["/api/orgs/roots", "/api/orgs/{id}/children", "/api/orgs/{id}/move"]),
    );
  });
});
