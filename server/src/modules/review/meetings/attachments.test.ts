/**
 * Plays the uploader who wants a harmful file into a meeting record, and the outsider who
 * wants to fill the server's disk: a refused upload leaves no bytes behind, only real PDFs,
 * DOCX files and photos are kept, names cannot disguise what a file is, and each download
 * leaves an audit row.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { reviewTree, scheduleMeeting } from "../review.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof reviewTree>>;
let meetingId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx, "附件");
  meetingId = (await scheduleMeeting(app, t.secretary, t.branch.id)).id;
});

function upload(who: Caller, bytes: Buffer, name: string) {
  return app.inject({
    method: "POST",
    url: `/api/review/meetings/${meetingId}/attachments`,
    headers: {
      ...who.headers,
      "content-type": "application/octet-stream",
      "x-file-name": encodeURIComponent(name),
      "accept-language": "zh-CN",
    },
    payload: bytes,
  });
}

const stored = (bytes: Buffer) => {
  const digest = createHash("sha256").update(bytes).digest("hex");
  return existsSync(path.join(ctx.config.dataDir, "files", "sha256", digest.slice(0, 2), digest));
};

/** A minimal Windows program header: "MZ", the pointer at 0x3C, "PE\0\0" where it points. */
function peHeader(): Buffer {
  const pe = Buffer.alloc(0x80);
  pe.write("MZ", 0, "latin1");
  pe.writeUInt32LE(0x40, 0x3c);
  pe.write("PE\0\0", 0x40, "latin1");
  return pe;
}

async function zip(files: Record<string, string>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files)) z.file(name, content);
  return z.generateAsync({ type: "nodebuffer" });
}

const unique = () => `${Date.now()}-${Math.random()}`;
const pdf = () => Buffer.from(`%PDF-1.4\n% 签到表 ${unique()}\n1 0 obj\n<<>>\nendobj\n%%EOF\n`);

describe("meeting attachments against a hostile uploader", () => {
  it("checks the caller before writing: a refused upload leaves no file on disk", async () => {
    const bytes = pdf();
    for (const who of [t.siblingSecretary, t.liuCaller, t.propaganda]) {
      const res = await upload(who, bytes, "签到表.pdf");
      expect([403, 404], res.body).toContain(res.statusCode);
    }
    expect(stored(bytes)).toBe(false);
  });

  it.each([
    ["a program renamed .pdf", async () => Buffer.concat([peHeader(), Buffer.from(unique())])],
    [
      "a PDF with a program inside",
      async () => Buffer.concat([pdf(), peHeader(), Buffer.from(unique())]),
    ],
    ["a PDF with a ZIP behind it", async () => Buffer.concat([pdf(), await zip({ a: unique() })])],
    [
      "a PDF that runs a script",
      async () =>
        Buffer.from(
          `%PDF-1.4\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj ${unique()}`,
        ),
    ],
    ["a ZIP with a word/ entry", async () => zip({ "word/readme.txt": unique() })],
    [
      "a DOCX carrying a program",
      async () =>
        zip({
          "[Content_Types].xml": "<Types/>",
          "word/document.xml": `<w:document>${unique()}</w:document>`,
          "word/embeddings/setup.exe": "MZ",
        }),
    ],
    [
      "a photo with a ZIP behind it",
      async () =>
        Buffer.concat([
          Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
          await zip({ "payload.exe": unique() }),
        ]),
    ],
  ])("refuses %s and keeps nothing", async (_what, make) => {
    const bytes = await make();
    const res = await upload(t.secretary, bytes, "会议记录.pdf");
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe("file");
    expect(stored(bytes)).toBe(false);
  });

  it.each([
    ["a right-to-left override", "签到表\u202Efdp.exe"],
    ["a NUL", "签到表\u0000.pdf"],
    ["a newline", "签到表\n.pdf"],
    ["a left-to-right isolate", "签到表\u2066.pdf"],
  ])("refuses a file name with %s", async (_what, name) => {
    const bytes = pdf();
    const res = await upload(t.secretary, bytes, name);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe("file");
    expect(stored(bytes)).toBe(false);
  });

  it("keeps a real DOCX, PDF and photo, and audits every download", async () => {
    const docx = await zip({
      "[Content_Types].xml": "<Types/>",
      "_rels/.rels": "<Relationships/>",
      "word/document.xml": `<w:document>${unique()}</w:document>`,
    });
    for (const [bytes, name] of [
      [docx, "会议记录.docx"],
      [pdf(), "签到表.pdf"],
    ] as const) {
      const res = await upload(t.secretary, bytes, name);
      expect(res.statusCode, res.body).toBe(200);
      expect(stored(bytes)).toBe(true);
    }
    const meeting = (
      await call(app, t.secretary, "GET", `/api/review/meetings/${meetingId}`)
    ).json() as { attachments: { id: number }[] };
    const reads = await auditCount(ctx, "review.attachment.read");
    const first = meeting.attachments[0]?.id;
    const got = await call(
      app,
      t.secretary,
      "GET",
      `/api/review/meetings/${meetingId}/attachments/${first}`,
    );
    expect(got.statusCode).toBe(200);
    expect(await auditCount(ctx, "review.attachment.read")).toBe(reads + 1);
    const outsider = await call(
      app,
      t.siblingSecretary,
      "GET",
      `/api/review/meetings/${meetingId}/attachments/${first}`,
    );
    expect(outsider.statusCode).toBe(404);
    expect(await auditCount(ctx, "review.attachment.read")).toBe(reads + 1);
  });
});
