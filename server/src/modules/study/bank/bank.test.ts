import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { systemActor } from "../../../platform/audit/record.ts";
import type { AppContext } from "../../../platform/context.ts";
import { XLSX_MIME } from "../../../platform/xlsx.ts";
import { SEED_REGULATION } from "../../../seed/seed-regulation.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { importRegulation } from "../../regulations/import-regulation.ts";
import { approvedBank, studyWorld, type World } from "../study.fixtures.ts";
import { QUESTION_HEADERS } from "./question-columns.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  await approvedBank(app, w);
});

const questions = async (query = "") =>
  (await call(app, w.secretary, "GET", `/api/study/questions?pageSize=200${query}`)).json();

describe("drafts from the annotated regulation", () => {
  it("blanks the modal word, asks which article and whom it binds, as drafts only", async () => {
    const res = await call(app, w.secretary, "POST", "/api/study/questions/generate", {
      orgId: w.town.id,
      limit: 200,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBeGreaterThan(20);
    const drafts = (await questions("&status=draft")).items;
    const blank = drafts.find(
      (q: { stem: string; type: string }) =>
        q.type === "fill_blank" &&
        q.stem.includes("党员干部____违反有关规定以职务身份开展网络借贷"),
    );
    expect(blank).toMatchObject({ answer: ["不得"], origin: "generated" });
    const which = drafts.find(
      (q: { stem: string }) =>
        q.stem.startsWith("“党员干部不得违反有关规定以职务身份") && q.stem.includes("哪一条"),
    );
    expect(which.options).toContain("第十九条");
    expect(which.options).toHaveLength(4);
    expect(which.options[Number(which.answer[0])]).toBe("第十九条");
    const who = drafts.find(
      (q: { stem: string }) => q.stem.includes("约束的主体") && q.stem.includes("直播带货"),
    );
    expect(who.options[Number(who.answer[0])]).toBe("党员干部");
    // Running again offers nothing twice.
    const again = await call(app, w.secretary, "POST", "/api/study/questions/generate", {
      orgId: w.town.id,
      limit: 200,
    });
    expect(again.json().created).toBe(0);
  });

  it("keeps drafts out of papers until approved", async () => {
    const draft = (await questions("&status=draft")).items[0];
    const ok = await call(app, w.secretary, "POST", `/api/study/questions/${draft.id}/review`, {
      decision: "approve",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const twice = await call(app, w.secretary, "POST", `/api/study/questions/${draft.id}/review`, {
      decision: "approve",
    });
    expect(twice.statusCode).toBe(409);
  });
});

describe("a new regulation version", () => {
  it("flags the questions on changed articles and refuses to approve them unchanged", async () => {
    const text = (await readFile(SEED_REGULATION, "utf8")).replace(
      "直播带货等营利活动",
      "直播带货、有偿推广等营利活动",
    );
    await importRegulation(ctx.db, systemActor, { text, effectiveOn: "2026-01-01" });
    const res = await call(app, w.secretary, "POST", "/api/study/questions/flag-changed", {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().flagged).toBeGreaterThan(0);
    const flagged = (await questions("&status=flagged")).items;
    expect(flagged.every((q: { articleIds: number[] }) => q.articleIds.includes(w.art(19)))).toBe(
      true,
    );
    expect(flagged[0].flagReason).toMatch(/新版本/);
    const approve = await call(
      app,
      w.secretary,
      "POST",
      `/api/study/questions/${flagged[0].id}/review`,
      { decision: "approve" },
    );
    expect(approve.statusCode).toBe(400);
    expect(
      (await call(app, w.secretary, "POST", "/api/study/questions/flag-changed", {})).json()
        .flagged,
    ).toBe(0);
  });
});

describe("Excel", () => {
  it("exports the approved bank with a watermark and imports it back after a preview", async () => {
    const file = await call(app, w.secretary, "GET", "/api/study/questions/export");
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(String(book.worksheets[0]?.getRow(1).getCell(1).value)).toMatch(/导出人/);
    const upload = (url: string, body: Buffer) =>
      app.inject({
        method: "POST",
        url,
        headers: { ...w.secretary.headers, "content-type": XLSX_MIME },
        payload: body,
      });
    const preview = await upload(
      `/api/study/questions/import/preview?orgId=${w.branch.id}`,
      file.rawPayload,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().invalid).toBe(0);
    const before = (await questions()).total;
    expect((await questions()).total).toBe(before);
    const done = await upload(`/api/study/questions/import?orgId=${w.branch.id}`, file.rawPayload);
    expect(done.json().created).toBe(preview.json().valid);
  });

  it("names the row and column of each error and writes nothing", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("题库");
    sheet.addRow([...QUESTION_HEADERS]);
    sheet.addRow(["单选", "题干", "甲", "乙", null, null, null, null, "C", "解析", "第十九条"]);
    sheet.addRow(["问答", "题干", null, null, null, null, null, null, "", "", "第九十九条"]);
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const inject = (url: string) =>
      app.inject({
        method: "POST",
        url,
        headers: { ...w.secretary.headers, "content-type": XLSX_MIME },
        payload: body,
      });
    const preview = (await inject(`/api/study/questions/import/preview?orgId=${w.town.id}`)).json();
    expect(preview.rows[0].errors).toEqual([{ column: "答案", message: "答案必须是选项之一" }]);
    expect(preview.rows[1].errors.map((e: { column: string }) => e.column)).toEqual([
      "题型",
      "引用条款",
      "解析",
    ]);
    const before = (await questions()).total;
    expect((await inject(`/api/study/questions/import?orgId=${w.town.id}`)).statusCode).toBe(400);
    expect((await questions()).total).toBe(before);
  });
});

describe("Excel import limits", () => {
  const preview = (body: Buffer) =>
    app.inject({
      method: "POST",
      url: `/api/study/questions/import/preview?orgId=${w.town.id}`,
      headers: { ...w.secretary.headers, "content-type": XLSX_MIME, "accept-language": "zh-CN" },
      payload: body,
    });

  it("refuses a file of more than 2,000 questions instead of reading its first 2,000", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("题库");
    sheet.addRow([...QUESTION_HEADERS]);
    for (let i = 0; i < 2_001; i++)
      sheet.addRow([
        "判断",
        `第${i + 1}题：党员不得在网上传播政治谣言`,
        "对",
        "错",
        null,
        null,
        null,
        null,
        "A",
        "见第十九条",
        "第十九条",
      ]);
    const res = await preview(Buffer.from(await book.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("题库超过 2000 道题");
  });

  it("reads a stem typed with mixed formatting as its text", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("题库");
    sheet.addRow([...QUESTION_HEADERS]);
    sheet.addRow([
      "判断",
      {
        richText: [
          { text: "党员应当" },
          { text: "自觉", font: { bold: true } },
          { text: "抵制网络谣言" },
        ],
      },
      "对",
      "错",
      null,
      null,
      null,
      null,
      "A",
      "见第十九条",
      "第十九条",
    ]);
    const res = await preview(Buffer.from(await book.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows[0].stem).toBe("党员应当自觉抵制网络谣言");
  });
});

describe("materials", () => {
  it("stores an uploaded PDF by its SHA-256 and serves it back; refuses other formats", async () => {
    const pdf = Buffer.from("%PDF-1.4\n% 学习材料\n%%EOF\n");
    const upload = (bytes: Buffer, fileName = encodeURIComponent("解读.pdf")) =>
      app.inject({
        method: "POST",
        url: `/api/study/materials/upload?orgId=${w.town.id}&title=${encodeURIComponent("规定解读")}&articleIds=${w.art(18)}`,
        headers: {
          ...w.secretary.headers,
          "content-type": "application/pdf",
          "x-file-name": fileName,
        },
        payload: bytes,
      });
    const created = await upload(pdf);
    expect(created.statusCode, created.body).toBe(201);
    const back = await call(
      app,
      w.secretary,
      "GET",
      `/api/study/materials/${created.json().id}/file`,
    );
    expect(back.rawPayload.equals(pdf)).toBe(true);
    expect((await upload(Buffer.from("MZ not a pdf"))).statusCode).toBe(400);
    const badName = await upload(pdf, "%E8%A7");
    expect(badName.statusCode, badName.body).toBe(400);
    expect(badName.json().error.field).toBe("file");
  });
});
