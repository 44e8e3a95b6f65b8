import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { fileStore, sniffFileType } from "./files.ts";

describe("sniffFileType", () => {
  it.each([
    ["%PDF-1.7 对照检查材料", "pdf"],
    ["\x89PNG\r\n\x1a\n....", "png"],
    ["\xff\xd8\xff\xe0 JFIF", "jpeg"],
  ])("recognises %j by its first bytes", (head, type) => {
    expect(sniffFileType(Buffer.from(head, "latin1"))).toBe(type);
  });

  it("recognises a DOCX by its package parts, not by a word/ somewhere in it", async () => {
    const z = new JSZip();
    z.file("[Content_Types].xml", "<Types/>");
    z.file("word/document.xml", "<w:document/>");
    expect(sniffFileType(await z.generateAsync({ type: "nodebuffer" }))).toBe("docx");
  });

  it.each([
    "PK\x03\x04....xl/workbook.xml",
    "PK\x03\x04....word/document.xml",
    "MZ\x90\x00 renamed.pdf",
    "PK..word/",
  ])("refuses %j", (head) => {
    expect(sniffFileType(Buffer.from(head, "latin1"))).toBeNull();
  });
});

describe("fileStore", () => {
  let dir = "";
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("keeps one copy per content and reads it back by digest", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "wanggui-files-"));
    const store = fileStore(dir);
    const bytes = Buffer.from("%PDF-1.4 幸福社区党支部组织生活会记录");
    const first = await store.put(bytes);
    expect(await store.put(Buffer.from(bytes))).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.get(first)).toEqual(bytes);
    expect(await readdir(path.join(dir, "files", "sha256", first.slice(0, 2)))).toEqual([first]);
  });
});
