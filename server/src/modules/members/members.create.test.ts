import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrg } from "../../../test/factories.ts";
import { systemActor } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";
import { auditCount, call } from "../orgs/orgs.fixtures.ts";
import { createMembersBulk, RosterRowsInvalid } from "./create-members-bulk.ts";
import { idNumberFor, memberInput, wrongCheckDigit } from "./members.fixtures.ts";
import {
  type CountyTree,
  memberCount,
  membersApp,
  townSecretary,
} from "./members.routes.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CountyTree;

beforeAll(async () => {
  ({ app, ctx, t } = await membersApp());
});

describe("creating a member", () => {
  it("stores the ID number and phone sealed, shows masks, opens history and audits", async () => {
    const input = memberInput(t.branch.id, { name: "张志强", phone: "13912345678" });
    const res = await call(app, t.secretary, "POST", "/api/members", input);
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({
      name: "张志强",
      idNumberMasked: `${input.idNumber.slice(0, 6)}************`,
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
    const before = await memberCount(ctx);
    const again = await call(app, t.secretary, "POST", "/api/members", {
      ...input,
      idNumber: input.idNumber.toLowerCase(),
      name: "刘海艳",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: "duplicate_id_number", field: "idNumber" });
    expect(await memberCount(ctx)).toBe(before);
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
    const before = [await memberCount(ctx), await auditCount(ctx)];
    const res = await call(app, t.secretary, "POST", "/api/members", body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect([await memberCount(ctx), await auditCount(ctx)]).toEqual(before);
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

describe("bulk creation for the roster import", () => {
  it("reports every row's errors and writes nothing, or writes all rows", async () => {
    const actor = await townSecretary(ctx, t);
    const good = memberInput(t.branch.id, { name: "周文博" });
    const rows = [
      good,
      { ...memberInput(t.branch.id, { name: "吴丽娟" }), idNumber: good.idNumber },
      memberInput(t.otherBranch.id, { name: "郑晓明" }),
      { ...memberInput(t.branch.id, { name: "冯卫国" }), confirmedOn: null },
    ];
    const before = await memberCount(ctx);
    const error = await withTx(ctx.db, (tx) =>
      createMembersBulk(tx, actor, rows, { cipher: ctx.cipher, audit: systemActor }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RosterRowsInvalid);
    expect((error as RosterRowsInvalid).rows.map((e) => [e.row, e.field])).toEqual([
      [1, "idNumber"],
      [2, "orgId"],
      [3, "confirmedOn"],
    ]);
    expect(await memberCount(ctx)).toBe(before);
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
    expect(await memberCount(ctx)).toBe(before + 2);
  });
});
