import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Caller, call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree } from "../cases.fixtures.ts";
import { decision, FACTS, INTERVIEW, openCase, provisionIds } from "./discipline.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
let town: Caller;
let caseId: number;
let number: string;

/** The text of a .docx, paragraph by paragraph. */
async function text(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter(Boolean)
    .join("\n");
}

async function download(who: Caller, url: string) {
  const res = await app.inject({ method: "GET", url, headers: who.headers });
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toContain("wordprocessingml");
  return text(res.rawPayload);
}

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  town = await callerWith(ctx, "secretary", t.town);
  const c = await openCase(app, t.branchSecretary, t.liu.id);
  ({ id: caseId, number } = c);
  const ids = await provisionIds(app, t.branchSecretary, [10]);
  const post = (who: Caller, url: string, body: object) => call(app, who, "POST", url, body);
  await post(t.branchSecretary, `/api/discipline/${caseId}/records`, {
    kind: "interview",
    text: INTERVIEW,
  });
  await post(t.branchSecretary, `/api/discipline/${caseId}/notice`, {
    facts: FACTS,
    defenceDays: 7,
  });
  await post(t.filer, `/api/discipline/mine/${caseId}/defence`, {
    points: ["转发时未看完视频，不知其内容歪曲党史。"],
  });
  await post(t.branchSecretary, `/api/discipline/${caseId}/responses`, {
    responses: [{ point: 0, adopted: false, text: "转发前应当核实内容，不能以未看完为由免责。" }],
  });
  await post(
    t.branchSecretary,
    `/api/discipline/${caseId}/decision`,
    decision(ids, { measure: "serious_warning" }),
  );
  await post(t.filer, `/api/discipline/mine/${caseId}/appeal`, {
    reasons: "已及时删除，请求从轻处理。",
  });
  const review = await post(town, `/api/discipline/${caseId}/appeal-review`, {
    outcome: "changed",
    measure: "warning",
    reasons: "本人及时删除并作说明，可从轻处理。",
    decidedBy: "中共城关镇委员会",
    meetingName: "镇党委会议",
    meetingOn: "2026-12-01",
  });
  expect(review.statusCode).toBe(200);
});

describe("discipline documents (.docx)", () => {
  it("writes the notice with the facts, the provisions quoted and the defence date", async () => {
    const doc = await download(t.branchSecretary, `/api/discipline/${caseId}/documents/notice`);
    expect(doc).toContain("纪律审查告知书");
    expect(doc).toContain(`（${number}）`);
    expect(doc).toContain("刘红梅同志：");
    expect(doc).toContain(FACTS);
    expect(doc).toMatch(/《中国共产党党员网络行为规定》第十条：“党员不得通过网络/);
    expect(doc).toMatch(/请于\d{4}年\d{1,2}月\d{1,2}日前/);
    expect(doc).toContain("城关镇第一党支部");
  });

  it("writes the decision with the defence heard, the measure, the meeting and where to appeal", async () => {
    const doc = await download(t.branchSecretary, `/api/discipline/${caseId}/documents/decision`);
    expect(doc).toContain("关于给予刘红梅同志党内严重警告处分的决定");
    expect(doc).toContain("刘红梅同志提出：转发时未看完视频");
    expect(doc).toContain("不予采纳");
    expect(doc).toContain(
      "经支部党员大会（2026年11月25日）研究，决定给予刘红梅同志党内严重警告处分。",
    );
    expect(doc).toContain("城关镇党委提出申诉");
    expect(doc).toContain("中共城关镇第一支部委员会");
  });

  it("writes the appeal outcome, and gives the member the same text without the investigation", async () => {
    const doc = await download(t.branchSecretary, `/api/discipline/${caseId}/documents/appeal`);
    expect(doc).toContain("关于刘红梅同志申诉的复查决定");
    expect(doc).toContain("变更原处理决定，改为党内警告处分");
    expect(doc).toContain("给予其党内严重警告处分的决定不服");
    const mine = await download(t.filer, `/api/discipline/mine/${caseId}/documents/appeal`);
    expect(mine).toBe(doc);
    for (const kind of ["notice", "decision"]) {
      const own = await download(t.filer, `/api/discipline/mine/${caseId}/documents/${kind}`);
      expect(own).not.toContain("孙立平");
    }
    const other = await app.inject({
      method: "GET",
      url: `/api/discipline/mine/${caseId}/documents/notice`,
      headers: t.chenCaller.headers,
    });
    expect(other.statusCode).toBe(404);
    const audits = await ctx.db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'discipline.export' AND entity_id = $1",
      [String(caseId)],
    );
    expect(audits.rows[0].n).toBe(3);
  });
});
