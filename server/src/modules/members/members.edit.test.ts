import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { buildMember, buildOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditCount, call, callerWith } from "../orgs/orgs.fixtures.ts";
import { idNumberFor, memberInput, wrongCheckDigit } from "./members.fixtures.ts";
import { type CountyTree, membersApp } from "./members.routes.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CountyTree;

beforeAll(async () => {
  ({ app, ctx, t } = await membersApp());
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
