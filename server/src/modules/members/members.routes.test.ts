import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember } from "../../../test/factories.ts";
import { systemActor } from "../../platform/audit/record.ts";
import { loadActor } from "../../platform/auth/actor.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { auditCount, buildOrg, call, callerWith, countyTree } from "../orgs/orgs.fixtures.ts";
import { createMembersBulk, RosterRowsInvalid } from "./create-members-bulk.ts";
import { idNumberFor, memberInput } from "./members.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx);
});

const wrongCheckDigit = (id: string) => `${id.slice(0, 17)}${id[17] === "0" ? "1" : "0"}`;

const memberCount = async () =>
  (await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM members")).rows[0]?.n ?? 0;

describe("creating a member", () => {
  it("stores the ID number and phone sealed, shows masks, opens history and audits", async () => {
    const input = memberInput(t.branch.id, { name: "张志强", phone: "13912345678" });
    const res = await call(app, t.secretary, "POST", "/api/members", input);
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({
      name: "张志强",
      idNumberMasked: `${input.idNumber.slice(0, 6)}********${input.idNumber.slice(-4)}`,
      phoneMasked: "139****5678",
      org: { id: t.branch.id, name: "城关镇第一党支部" },
      can: { edit: true, transfer: true, archive: true, reveal: true },
    });
    expect(res.body).not.toContain(input.idNumber);
    expect(res.body).not.toContain("13912345678");
    expect(m.history).toEqual([
      expect.objectContaining({ org: expect.objectContaining({ id: t.branch.id }), toDate: null }),
    ]);
    const row = await ctx.db.query(
      "SELECT id_number_enc, id_number_digest, org_path::text FROM members WHERE id = $1",
      [m.id],
    );
    expect(row.rows[0].id_number_enc.toString("latin1")).not.toContain(input.idNumber);
    expect(ctx.cipher.decrypt(row.rows[0].id_number_enc)).toBe(input.idNumber);
    expect(row.rows[0].id_number_digest).toBe(ctx.cipher.digest(input.idNumber));
    expect(row.rows[0].org_path).toBe(t.branch.path);
    const audit = await ctx.db.query(
      "SELECT after::text AS after FROM audit_events WHERE action = 'member.create' AND entity_id = $1",
      [String(m.id)],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toContain("张志强");
    expect(audit.rows[0].after).not.toContain(input.idNumber);
    expect(audit.rows[0].after).not.toContain("13912345678");
  });

  it("refuses a second record with the same ID number with 409 naming idNumber", async () => {
    const input = memberInput(t.branch.id, { name: "刘海燕", gender: "female" });
    expect((await call(app, t.secretary, "POST", "/api/members", input)).statusCode).toBe(201);
    const before = await memberCount();
    const again = await call(app, t.secretary, "POST", "/api/members", {
      ...input,
      idNumber: input.idNumber.toLowerCase(),
      name: "刘海艳",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: "duplicate_id_number", field: "idNumber" });
    expect(await memberCount()).toBe(before);
  });

  it.each([
    [
      "a wrong check digit",
      { idNumber: wrongCheckDigit(idNumberFor("1978-03-15", "male")) },
      "idNumber",
    ],
    ["an ID birth date that differs", { birthDate: "1978-03-16" }, "idNumber"],
    ["a gender the ID contradicts", { gender: "female" }, "gender"],
    ["a short ID number", { idNumber: "33010219780315" }, "idNumber"],
    ["a landline as phone", { phone: "0571-8888888" }, "phone"],
    ["a full member without confirmedOn", { confirmedOn: null }, "confirmedOn"],
    ["a probationary member with confirmedOn", { status: "probationary" }, "confirmedOn"],
    ["a cadre without position", { isCadre: true }, "position"],
    ["joining before 18", { joinedOn: "1990-01-01", confirmedOn: "1991-01-01" }, "joinedOn"],
    ["an unknown ethnicity", { ethnicity: "火星族" }, "ethnicity"],
  ] as const)("refuses %s with 400 naming %s and writes nothing", async (_, over, field) => {
    const base = memberInput(t.branch.id, { name: "赵德胜" });
    const body = { ...base, ...over };
    if (over === undefined || !("idNumber" in over)) {
      body.idNumber = base.idNumber;
    }
    const before = [await memberCount(), await auditCount(ctx)];
    const res = await call(app, t.secretary, "POST", "/api/members", body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect([await memberCount(), await auditCount(ctx)]).toEqual(before);
  });

  it("accepts a legacy full member without confirmedOn, and a cadre with position", async () => {
    const legacy = await call(app, t.secretary, "POST", "/api/members", {
      ...memberInput(t.branch.id, { name: "孙红梅", gender: "female" }),
      confirmedOn: null,
      legacy: true,
      isCadre: true,
      position: "城关镇第一党支部书记",
    });
    expect(legacy.statusCode, legacy.body).toBe(201);
    expect(legacy.json()).toMatchObject({ confirmedOn: null, isCadre: true });
  });

  it("places members only in a branch, a group, or a committee without sub-orgs", async () => {
    const onTown = await call(app, t.secretary, "POST", "/api/members", memberInput(t.town.id));
    expect(onTown.statusCode).toBe(400);
    expect(onTown.json().error.field).toBe("orgId");
    const small = await buildOrg(ctx.db, {
      parent: t.town,
      kind: "committee",
      name: "城关镇卫生院党委",
    });
    const onSmall = await call(app, t.secretary, "POST", "/api/members", memberInput(small.id));
    expect(onSmall.statusCode, onSmall.body).toBe(201);
    const outside = await call(
      app,
      t.secretary,
      "POST",
      "/api/members",
      memberInput(t.otherBranch.id),
    );
    expect(outside.statusCode).toBe(404);
  });
});

describe("the roster list", () => {
  let branch: Awaited<ReturnType<typeof buildOrg>>;
  let group: Awaited<ReturnType<typeof buildOrg>>;
  const names = ["王建国", "李秀英", "张志强", "刘海燕", "陈卫东", "杨丽娟", "黄文博"];

  beforeAll(async () => {
    branch = await buildOrg(ctx.db, { parent: t.town, kind: "branch", name: "城关镇第三党支部" });
    group = await buildOrg(ctx.db, { parent: branch, kind: "group", name: "第三党支部第一党小组" });
    const actor = await loadActor(
      ctx.db,
      (
        await ctx.db.query(
          "SELECT user_id FROM role_grants WHERE role = 'secretary' AND org_id = $1 LIMIT 1",
          [t.town.id],
        )
      ).rows[0].user_id,
    );
    if (!actor) throw new Error("no secretary");
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
    for (const m of p1.items) expect(m.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
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

describe("bulk creation for the roster import", () => {
  it("reports every row's errors and writes nothing, or writes all rows", async () => {
    const actor = await loadActor(
      ctx.db,
      (
        await ctx.db.query(
          "SELECT user_id FROM role_grants WHERE role = 'secretary' AND org_id = $1 LIMIT 1",
          [t.town.id],
        )
      ).rows[0].user_id,
    );
    if (!actor) throw new Error("no secretary");
    const good = memberInput(t.branch.id, { name: "周文博" });
    const rows = [
      good,
      { ...memberInput(t.branch.id, { name: "吴丽娟" }), idNumber: good.idNumber },
      memberInput(t.otherBranch.id, { name: "郑晓明" }),
      { ...memberInput(t.branch.id, { name: "冯卫国" }), confirmedOn: null },
    ];
    const before = await memberCount();
    const error = await withTx(ctx.db, (tx) =>
      createMembersBulk(tx, actor, rows, { cipher: ctx.cipher, audit: systemActor }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RosterRowsInvalid);
    expect((error as RosterRowsInvalid).rows.map((e) => [e.row, e.field])).toEqual([
      [1, "idNumber"],
      [2, "orgId"],
      [3, "confirmedOn"],
    ]);
    expect(await memberCount()).toBe(before);
    const ids = await withTx(ctx.db, (tx) =>
      createMembersBulk(
        tx,
        actor,
        [good, memberInput(t.branch.id, { name: "吴丽娟", gender: "female" })],
        {
          cipher: ctx.cipher,
          audit: systemActor,
        },
      ),
    );
    expect(ids).toHaveLength(2);
    expect(await memberCount()).toBe(before + 2);
  });
});

describe("transfer, edit, reveal and self", () => {
  it("transfers a member: closes the history row, opens one, moves org_path and counts", async () => {
    const from = await buildOrg(ctx.db, {
      parent: t.town,
      kind: "branch",
      name: "城关镇第四党支部",
    });
    const to = await buildOrg(ctx.db, { parent: t.town, kind: "branch", name: "城关镇第五党支部" });
    const created = await call(
      app,
      t.secretary,
      "POST",
      "/api/members",
      memberInput(from.id, { name: "郭晓明" }),
    );
    const id = created.json().id;
    const res = await call(app, t.secretary, "POST", `/api/members/${id}/transfer`, {
      toOrgId: to.id,
      reason: "工作调动",
      date: "2024-03-01",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().org.id).toBe(to.id);
    expect(
      res
        .json()
        .history.map(
          (h: { org: { id: number }; fromDate: string; toDate: string | null; reason: string }) => [
            h.org.id,
            h.fromDate,
            h.toDate,
            h.reason,
          ],
        ),
    ).toEqual([
      [from.id, "2001-07-01", "2024-03-01", "建档"],
      [to.id, "2024-03-01", null, "工作调动"],
    ]);
    const path = await ctx.db.query("SELECT org_path::text AS p FROM members WHERE id = $1", [id]);
    expect(path.rows[0].p).toBe(to.path);
    const counts = await ctx.db.query(
      "SELECT id, member_count FROM orgs WHERE id = ANY($1) ORDER BY id",
      [[from.id, to.id]],
    );
    expect(counts.rows.map((r) => r.member_count)).toEqual([0, 1]);
    const audit = await ctx.db.query(
      "SELECT before, after FROM audit_events WHERE action = 'member.transfer' AND entity_id = $1",
      [String(id)],
    );
    expect(audit.rows[0]).toMatchObject({
      before: { orgId: from.id },
      after: { orgId: to.id, reason: "工作调动" },
    });

    const back = await call(app, t.secretary, "POST", `/api/members/${id}/transfer`, {
      toOrgId: from.id,
      reason: "回调",
      date: "2024-01-01",
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.field).toBe("date");
    const elsewhere = await call(app, t.secretary, "POST", `/api/members/${id}/transfer`, {
      toOrgId: t.otherBranch.id,
      reason: "跨镇调动",
      date: "2024-05-01",
    });
    expect(elsewhere.statusCode).toBe(404);
    const same = await call(app, t.secretary, "POST", `/api/members/${id}/transfer`, {
      toOrgId: to.id,
      reason: "重复",
      date: "2024-05-01",
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.field).toBe("toOrgId");
  });

  it("lets the county secretary transfer between the two towns", async () => {
    const county = await callerWith(ctx, "secretary", t.county);
    const m = await buildMember(ctx.db, { org: t.branch, name: "何建华" });
    const res = await call(app, county, "POST", `/api/members/${m.id}/transfer`, {
      toOrgId: t.otherBranch.id,
      reason: "工作调动",
      date: "2024-06-01",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().history).toHaveLength(2);
  });

  it("records 转正 as an edit and audits only what changed", async () => {
    const created = await call(app, t.secretary, "POST", "/api/members", {
      ...memberInput(t.branch.id, { name: "林志远" }),
      status: "probationary",
      confirmedOn: null,
      joinedOn: "2023-06-01",
    });
    const id = created.json().id;
    const half = await call(app, t.secretary, "PATCH", `/api/members/${id}`, { status: "full" });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.field).toBe("confirmedOn");
    const res = await call(app, t.secretary, "PATCH", `/api/members/${id}`, {
      status: "full",
      confirmedOn: "2024-06-01",
      phone: "13700001111",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: "full",
      confirmedOn: "2024-06-01",
      phoneMasked: "137****1111",
    });
    const audit = await ctx.db.query(
      "SELECT before, after, after::text AS text FROM audit_events WHERE action = 'member.update' AND entity_id = $1",
      [String(id)],
    );
    expect(audit.rows[0].before).toMatchObject({ status: "probationary", confirmedOn: null });
    expect(audit.rows[0].after).toMatchObject({ status: "full", sensitiveChanged: ["phone"] });
    expect(audit.rows[0].text).not.toContain("13700001111");
    expect(audit.rows[0].before).not.toHaveProperty("name");
  });

  it("refuses an edit to an ID number already on the roll", async () => {
    const a = await call(
      app,
      t.secretary,
      "POST",
      "/api/members",
      memberInput(t.branch.id, { name: "马建军" }),
    );
    const bInput = memberInput(t.branch.id, { name: "马建民" });
    const b = await call(app, t.secretary, "POST", "/api/members", bInput);
    const res = await call(app, t.secretary, "PATCH", `/api/members/${a.json().id}`, {
      idNumber: bInput.idNumber,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.field).toBe("idNumber");
    const bad = await call(app, t.secretary, "PATCH", `/api/members/${b.json().id}`, {
      idNumber: wrongCheckDigit(idNumberFor("1978-03-15", "male")),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("idNumber");
  });

  it("reveals a field in clear only with members:reveal, and audits who saw what of whom", async () => {
    const input = memberInput(t.branch.id, {
      name: "高秀兰",
      gender: "female",
      phone: "13600002222",
    });
    const id = (await call(app, t.secretary, "POST", "/api/members", input)).json().id;
    const before = await auditCount(ctx, "member.reveal");
    const res = await call(app, t.secretary, "POST", `/api/members/${id}/reveal`, {
      field: "idNumber",
      reason: "核对党费基数",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ field: "idNumber", value: input.idNumber });
    const phone = await call(app, t.secretary, "POST", `/api/members/${id}/reveal`, {
      field: "phone",
      reason: "联系本人",
    });
    expect(phone.json().value).toBe("13600002222");
    expect(await auditCount(ctx, "member.reveal")).toBe(before + 2);
    const row = await ctx.db.query(
      `SELECT a.actor_label, a.entity_id, a.org_path::text AS org_path, a.after, a.after::text AS text, u.display_name
         FROM audit_events a JOIN users u ON u.id = a.actor_user_id
        WHERE a.action = 'member.reveal' AND a.entity_id = $1 ORDER BY a.id LIMIT 1`,
      [String(id)],
    );
    expect(row.rows[0]).toMatchObject({
      entity_id: String(id),
      org_path: t.branch.path,
      after: { field: "idNumber", reason: "核对党费基数", memberName: "高秀兰" },
    });
    expect(row.rows[0].text).not.toContain(input.idNumber);
    const propaganda = await call(app, t.propaganda, "POST", `/api/members/${id}/reveal`, {
      field: "idNumber",
      reason: "想看看",
    });
    expect(propaganda.statusCode).toBe(403);
    const discipline = await callerWith(ctx, "discipline_officer", t.town);
    expect(
      (
        await call(app, discipline, "POST", `/api/members/${id}/reveal`, {
          field: "phone",
          reason: "案件核查",
        })
      ).statusCode,
    ).toBe(200);
  });

  it("gives a member-role user their own record at /me and nothing else", async () => {
    const me = await call(app, t.member, "GET", "/api/members/me");
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ id: t.self.id, name: "王建国" });
    expect((await call(app, t.member, "GET", `/api/members/${t.self.id}`)).statusCode).toBe(403);
    expect((await call(app, t.member, "GET", "/api/members")).statusCode).toBe(403);
    const secretaryMe = await call(app, t.secretary, "GET", "/api/members/me");
    expect(secretaryMe.statusCode).toBe(404);
  });
});
