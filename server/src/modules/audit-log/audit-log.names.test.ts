import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import {
  buildMember,
  buildOrg,
  buildUser,
  type SignedIn,
  signIn,
  type TestMember,
  type TestOrg,
} from "../../../test/factories.ts";
import { cliActor, recordAudit } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";

let app: FastifyInstance;
let ctx: AppContext;
let auditor: SignedIn;
let siblingAuditor: SignedIn;
let wang: TestMember;
let branch: TestOrg;
let secretaryName = "";
let secretaryUsername = "";

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const city = await buildOrg(ctx.db, { name: "中共青山市委员会" });
  const county = await buildOrg(ctx.db, {
    parent: city,
    kind: "committee",
    name: "中共东湖县委员会",
  });
  branch = await buildOrg(ctx.db, { parent: county, name: "东湖镇机关党支部" });
  const otherCity = await buildOrg(ctx.db, { name: "中共白沙市委员会" });
  wang = await buildMember(ctx.db, { org: branch, name: "王建国" });
  const xu = await buildMember(ctx.db, { org: branch, name: "许桂玲" });
  const secretary = await buildUser(ctx.db, { role: "secretary", at: branch, member: xu });
  secretaryName = xu.name;
  secretaryUsername = secretary.username;
  auditor = await signIn(ctx.db, await buildUser(ctx.db, { role: "audit_admin", at: county }));
  siblingAuditor = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "audit_admin", at: otherCity }),
  );
  const by = { userId: secretary.id, label: secretary.username, ip: "10.1.2.3" };
  await withTx(ctx.db, async (tx) => {
    await recordAudit(tx, by, {
      action: "member.reveal",
      entityType: "member",
      entityId: wang.id,
      orgPath: branch.path,
      after: { field: "idNumber", reason: "组织关系转接核对" },
    });
    await recordAudit(tx, by, {
      action: "study.campaign.publish",
      entityType: "study_campaign",
      entityId: 7,
      orgPath: branch.path,
      before: { status: "draft" },
      after: { status: "published", memberId: wang.id, orgId: county.id },
    });
  });
});

const list = (who: SignedIn, query: Record<string, string>) =>
  app.inject({ method: "GET", url: "/api/audit-events", query, headers: who.headers });

describe("the audit log as people read it", () => {
  it("names the person, the org with its trail, and the member a row is about", async () => {
    const res = await list(auditor, { actions: "member.reveal" });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = res.json().items;
    expect(row).toMatchObject({
      actorName: secretaryName,
      actorLabel: secretaryUsername,
      orgName: "东湖镇机关党支部",
      orgTrail: ["中共青山市委员会", "中共东湖县委员会", "东湖镇机关党支部"],
      entityName: "王建国",
      // The stored row comes back as it was written, for the auditor's 原始记录.
      after: { field: "idNumber", reason: "组织关系转接核对" },
      ip: "10.1.2.3",
    });
    expect(row.orgPath).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("names the people and orgs the changes mention by id", async () => {
    const [row] = (await list(auditor, { actions: "study.campaign.publish" })).json().items;
    expect(Object.values(row.names)).toEqual(
      expect.arrayContaining(["王建国", "中共东湖县委员会", secretaryName]),
    );
    expect(row.names[`member:${wang.id}`]).toBe("王建国");
  });

  it("finds rows by an action's Chinese name, a person's name, or the member they concern", async () => {
    const actions = async (q: string) =>
      ((await list(auditor, { q })).json().items as { action: string }[]).map((e) => e.action);
    expect(await actions("查看党员敏感信息")).toEqual(["member.reveal"]);
    expect(await actions("发布专题")).toEqual(["study.campaign.publish"]);
    expect((await actions(secretaryName)).sort()).toEqual([
      "member.reveal",
      "study.campaign.publish",
    ]);
    expect(await actions("王建国")).toEqual(["member.reveal"]);
    expect(await actions("撤回")).toEqual([]);
    expect(await actions("100%_")).toEqual([]);
  });

  it("finds the row about a member however many others share the searched name", async () => {
    // 600 members named 欧阳… before the one the row is about: a search that fetched the first
    // 500 matching ids would miss her.
    await ctx.db.query(
      `INSERT INTO members (org_id, org_path, name, gender, birth_date, id_number_enc,
                           id_number_masked, id_number_digest, phone_enc, phone_masked, status,
                           joined_on, is_cadre, position)
       SELECT org_id, org_path, '欧阳' || g, gender, birth_date, id_number_enc, id_number_masked,
              md5('ouyang-' || g), phone_enc, phone_masked, status, joined_on, is_cadre, position
         FROM members m, generate_series(1, 600) g WHERE m.id = $1`,
      [wang.id],
    );
    const ouyang = await buildMember(ctx.db, { org: branch, name: "欧阳明秀" });
    await withTx(ctx.db, (tx) =>
      recordAudit(tx, cliActor, {
        action: "member.archive",
        entityType: "member",
        entityId: ouyang.id,
        orgPath: branch.path,
        after: { reason: "出党" },
      }),
    );
    const items = (await list(auditor, { q: "欧阳" })).json().items as {
      action: string;
      entityName: string;
    }[];
    expect(items.map((e) => [e.action, e.entityName])).toEqual([["member.archive", "欧阳明秀"]]);
  });

  it("shows an auditor of a sibling city nothing, whatever they search for", async () => {
    for (const q of [secretaryName, "王建国", "查看党员敏感信息"]) {
      expect((await list(siblingAuditor, { q })).json()).toEqual({ items: [], total: 0 });
    }
  });

  it("answers 400 naming the field for a malformed action list or an overlong keyword", async () => {
    for (const [query, field] of [
      [{ actions: "member.reveal;DROP" }, "actions"],
      [{ actions: "member" }, "actions"],
      [{ q: "党".repeat(51) }, "q"],
    ] as const) {
      const res = await list(auditor, query);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
  });
});
