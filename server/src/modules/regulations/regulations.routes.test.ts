import { readFile } from "node:fs/promises";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildOrg, buildUser, type SignedIn, signIn } from "../../../test/factories.ts";
import { systemActor } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { SEED_REGULATION, seedRegulationOnce } from "../../seed/seed-regulation.ts";

let app: FastifyInstance;
let ctx: AppContext;
let member: SignedIn;
let sysadmin: SignedIn;
let propaganda: SignedIn;
let docId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const city = await buildOrg(ctx.db, { name: "中共青山市委员会" });
  const branch = await buildOrg(ctx.db, { parent: city, name: "城关街道幸福社区党支部" });
  member = await signIn(ctx.db, await buildUser(ctx.db, { role: "member", at: branch }));
  sysadmin = await signIn(ctx.db, await buildUser(ctx.db, { role: "system_admin", at: city }));
  propaganda = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "propaganda_officer", at: city }),
  );
  const imported = await seedRegulationOnce(ctx.db, systemActor);
  docId = imported?.documentId ?? 0;
});

const get = (url: string, who: SignedIn | null = member) =>
  app.inject({ method: "GET", url, headers: who?.headers ?? {} });

describe("search", () => {
  it.each([
    ["直播带货", 19],
    ["网络暴力", 24],
    ["虚拟货币", 18],
    ["境外网站", 14],
    ["民主评议", 27],
    ["党员能不能在网上搞直播打赏", 17],
  ])("%s ranks article %i first", async (q, article) => {
    const res = await get(`/api/regulations/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items[0].article.number).toBe(article);
    expect(body.items[0].snippet.some((part: { hit: boolean }) => part.hit)).toBe(true);
  });

  it("highlights the matched words and nothing else", async () => {
    const body = (await get(`/api/regulations/search?q=${encodeURIComponent("虚拟货币")}`)).json();
    expect(body.terms).toEqual(["虚拟", "货币"]);
    const parts: { text: string; hit: boolean }[] = body.items[0].snippet;
    // 虚拟货币 as the phrase, and 虚拟 again in 网络虚拟财物.
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(["虚拟货币", "虚拟"]);
    expect(
      parts
        .filter((p) => !p.hit)
        .map((p) => p.text)
        .join(""),
    ).not.toContain("虚拟");
  });

  it("finds article 16 for 删帖谋利 by its words' characters, and says it matched characters", async () => {
    const body = (await get(`/api/regulations/search?q=${encodeURIComponent("删帖谋利")}`)).json();
    expect(body.match).toBe("characters");
    expect(body.items[0].article.number).toBe(16);
    const hits = body.items[0].snippet.filter((p: { hit: boolean }) => p.hit);
    expect(hits.map((p: { text: string }) => p.text).join("")).toContain("删");
  });

  it("ranks word hits and never mixes in character matches when a word is found", async () => {
    const body = (await get(`/api/regulations/search?q=${encodeURIComponent("删除信息")}`)).json();
    expect(body.match).toBe("words");
    expect(body.items[0].article.number).toBe(16);
    for (const item of body.items)
      expect(item.snippet.some((p: { hit: boolean }) => p.hit)).toBe(true);
  });

  it("answers a fallback's later page from the fallback, and a past-the-end page empty", async () => {
    const q = encodeURIComponent("发帖谋利");
    const first = (await get(`/api/regulations/search?q=${q}&pageSize=1`)).json();
    expect(first.total).toBeGreaterThan(1);
    const second = (await get(`/api/regulations/search?q=${q}&pageSize=1&page=2`)).json();
    expect(second).toMatchObject({ match: "characters", total: first.total });
    expect(second.items[0].provisionId).not.toBe(first.items[0].provisionId);
    const words = encodeURIComponent("虚拟货币");
    const past = (await get(`/api/regulations/search?q=${words}&page=999`)).json();
    expect(past).toMatchObject({ match: "words", items: [] });
  });

  it("answers a query of stopwords only with an empty list", async () => {
    const body = (await get(`/api/regulations/search?q=${encodeURIComponent("的了吗")}`)).json();
    expect(body).toMatchObject({ total: 0, items: [] });
  });

  it("refuses an empty query with the field named", async () => {
    const res = await get("/api/regulations/search?q=");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("q");
  });
});

describe("reading", () => {
  it("lists the seed regulation with its first version", async () => {
    const body = (await get("/api/regulations")).json();
    expect(body.items[0]).toMatchObject({
      title: "中国共产党党员网络行为规定",
      issuer: "中共中央办公厅",
    });
    expect(body.items[0].versions[0]).toMatchObject({
      versionNo: 1,
      articles: 31,
      effectiveOn: "2024-01-14",
    });
  });

  it("gives the table of contents by chapter", async () => {
    const tree = (await get(`/api/regulations/${docId}`)).json();
    expect(tree.chapters.map((c: { heading: string }) => c.heading)).toEqual([
      "总则",
      "网络正能量传播",
      "网络行为管理",
      "保障和监督",
      "附则",
    ]);
    expect(tree.chapters[2].articles.map((a: { number: number }) => a.number)).toEqual([
      9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
    ]);
  });

  it("reads article 11 apart from article 10, with its provision and neighbours", async () => {
    const article = (await get(`/api/regulations/${docId}/articles/11`)).json();
    expect(article.text).toBe(
      "党员不得组织、参与和动员不法串联、联署、集会等网上非法组织、非法活动。",
    );
    expect(article.provisions).toMatchObject([{ kind: "prohibition", subjects: ["member"] }]);
    expect(article.chapter).toMatchObject({ number: 3, heading: "网络行为管理" });
    expect(article.previous).toEqual({ number: 10, sub: 0 });
    expect(article.next).toEqual({ number: 12, sub: 0 });
  });

  it("keeps the titled external reference of article 1", async () => {
    const article = (await get(`/api/regulations/${docId}/articles/1`)).json();
    expect(article.references).toContainEqual(
      expect.objectContaining({ kind: "external", title: "中国共产党党员教育管理工作条例" }),
    );
  });

  it("404s an article that does not exist, in the same error shape", async () => {
    const res = await get(`/api/regulations/${docId}/articles/99`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });

  it("tells a cadre about articles 18-20 and a member not", async () => {
    const numbers = async (binds: string) =>
      new Set(
        (await get(`/api/regulations/${docId}/provisions?binds=${binds}`))
          .json()
          .items.map((p: { article: { number: number } }) => p.article.number),
      );
    const cadre = await numbers("cadre");
    const plain = await numbers("member");
    for (const n of [18, 19, 20]) {
      expect(cadre.has(n)).toBe(true);
      expect(plain.has(n)).toBe(false);
    }
    expect(cadre.has(10)).toBe(true);
  });

  it("filters provisions by kind", async () => {
    const items = (await get(`/api/regulations/${docId}/provisions?kind=encouragement`)).json()
      .items;
    expect(items.map((p: { article: { number: number } }) => p.article.number)).toContain(8);
    expect(items.every((p: { kind: string }) => p.kind === "encouragement")).toBe(true);
  });

  it("needs a session", async () => {
    expect((await get("/api/regulations", null)).statusCode).toBe(401);
  });
});

describe("versions", () => {
  it("keeps ids of unchanged articles, diffs the changed one, and refuses an identical import", async () => {
    const seed = await readFile(SEED_REGULATION, "utf8");
    const amended = seed.replace("直播带货等营利活动", "直播带货、有偿代言等营利活动");
    const before = (await get(`/api/regulations/${docId}/articles/18`)).json();
    const changedBefore = (await get(`/api/regulations/${docId}/articles/19`)).json();
    const versions = async () =>
      (await ctx.db.query("SELECT count(*)::int AS n FROM regulation_versions")).rows[0].n;
    const stored = await versions();
    const preview = await app.inject({
      method: "POST",
      url: "/api/regulations/import/preview",
      headers: sysadmin.headers,
      payload: { text: amended },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      documentId: docId,
      latestVersionNo: 1,
      versionNo: 2,
      sameAsLatest: false,
      articles: 31,
      added: [],
      removed: [],
      changed: ["第十九条"],
    });
    expect(await versions()).toBe(stored);
    const res = await app.inject({
      method: "POST",
      url: "/api/regulations/import",
      headers: sysadmin.headers,
      payload: { text: amended, effectiveOn: "2026-12-01" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ versionNo: 2, articles: 31, reusedArticles: 30 });
    const after = (await get(`/api/regulations/${docId}/articles/18`)).json();
    const changedAfter = (await get(`/api/regulations/${docId}/articles/19`)).json();
    expect(after.id).toBe(before.id);
    expect(changedAfter.id).not.toBe(changedBefore.id);
    const diff = (await get(`/api/regulations/${docId}/diff?from=1&to=2`)).json();
    expect(diff.added).toEqual([]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0].charDiff).toContainEqual({ op: "insert", text: "、有偿代言" });
    const again = await app.inject({
      method: "POST",
      url: "/api/regulations/import",
      headers: sysadmin.headers,
      payload: { text: amended },
    });
    expect(again.statusCode).toBe(409);
    const samePreview = await app.inject({
      method: "POST",
      url: "/api/regulations/import/preview",
      headers: sysadmin.headers,
      payload: { text: amended },
    });
    expect(samePreview.json()).toMatchObject({ sameAsLatest: true, latestVersionNo: 2 });
  });

  it("refuses import by a member and rejects text without articles, writing nothing", async () => {
    const versions = async () =>
      (await ctx.db.query("SELECT count(*)::int AS n FROM regulation_versions")).rows[0].n;
    const n = await versions();
    const denied = await app.inject({
      method: "POST",
      url: "/api/regulations/import",
      headers: member.headers,
      payload: { text: "第一条 测试。" },
    });
    expect(denied.statusCode).toBe(403);
    const deniedPreview = await app.inject({
      method: "POST",
      url: "/api/regulations/import/preview",
      headers: propaganda.headers,
      payload: { text: "第一条 测试。" },
    });
    expect(deniedPreview.statusCode).toBe(403);
    const badPreview = await app.inject({
      method: "POST",
      url: "/api/regulations/import/preview",
      headers: sysadmin.headers,
      payload: { text: "只是一段没有条文的文字。" },
    });
    expect(badPreview.statusCode).toBe(400);
    expect(badPreview.json().error.field).toBe("text");
    const bad = await app.inject({
      method: "POST",
      url: "/api/regulations/import",
      headers: sysadmin.headers,
      payload: { text: "只是一段没有条文的文字。" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("text");
    expect(await versions()).toBe(n);
  });

  it("exports a version as Akoma Ntoso, JSON and Markdown", async () => {
    const akn = await get(`/api/regulations/${docId}/export?format=akn&version=1`);
    expect(akn.headers["content-type"]).toContain("application/akn+xml");
    expect(akn.body).toContain('eId="chp_3__art_11"');
    const json = (await get(`/api/regulations/${docId}/export?format=json&version=1`)).json();
    expect(json.articles).toHaveLength(31);
    expect(json.articles[10]).toMatchObject({ number: 11, chapter: 3 });
    expect((await get(`/api/regulations/${docId}/export?format=md`)).body).toContain(
      "## 第三章 网络行为管理",
    );
  });

  it("exports a version as a Word file a branch can print: chapters, whole articles, items", async () => {
    const file = await get(`/api/regulations/${docId}/export?format=docx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("wordprocessingml");
    expect(String(file.headers["content-disposition"])).toContain(".docx");
    const zip = await JSZip.loadAsync(file.rawPayload);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
    );
    expect(paragraphs[0]).toBe("中国共产党党员网络行为规定");
    expect(paragraphs).toContain("第三章　网络行为管理");
    const art11 = paragraphs.find((p) => p.startsWith("第十一条　"));
    expect(art11).toBe(
      "第十一条　党员不得组织、参与和动员不法串联、联署、集会等网上非法组织、非法活动。",
    );
    // Every one of the 31 articles opens its own paragraph, in order.
    const labels = paragraphs.filter((p) => /^第[一二三四五六七八九十]+条　/.test(p));
    expect(labels).toHaveLength(31);
  });
});

describe("annotation corrections", () => {
  it("stores a correction beside the automatic annotation and audits it", async () => {
    const article = (await get(`/api/regulations/${docId}/articles/8`)).json();
    const provision = article.provisions[0];
    const res = await app.inject({
      method: "POST",
      url: `/api/regulations/provisions/${provision.id}/corrections`,
      headers: propaganda.headers,
      payload: { kind: "obligation", subjects: ["member"], note: "经研究按倡导性义务理解" },
    });
    expect(res.statusCode).toBe(200);
    const updated = (await get(`/api/regulations/${docId}/articles/8`)).json().provisions[0];
    expect(updated).toMatchObject({
      kind: "obligation",
      automatic: { kind: "encouragement" },
      correction: { note: "经研究按倡导性义务理解" },
    });
    const audit = await ctx.db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'regulation.provision.correct' AND entity_id = $1",
      [String(provision.id)],
    );
    expect(audit.rows[0].n).toBe(1);
    const denied = await app.inject({
      method: "POST",
      url: `/api/regulations/provisions/${provision.id}/corrections`,
      headers: member.headers,
      payload: { kind: "obligation", subjects: [], note: "无权更正" },
    });
    expect(denied.statusCode).toBe(403);
  });

  it("answers random correction bodies with 4xx, never 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (payload) => {
        const res = await app.inject({
          method: "POST",
          url: "/api/regulations/provisions/1/corrections",
          headers: propaganda.headers,
          payload: JSON.stringify(payload) ?? "null",
        });
        expect(res.statusCode).toBeGreaterThanOrEqual(200);
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
  });

  it("answers random search and import bodies with 4xx, never 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.anything(), async (q, body) => {
        const search = await app.inject({
          method: "GET",
          url: "/api/regulations/search",
          query: { q },
          headers: member.headers,
        });
        expect(search.statusCode).toBeLessThan(500);
        const imported = await app.inject({
          method: "POST",
          url: "/api/regulations/import",
          headers: sysadmin.headers,
          payload: JSON.stringify(body) ?? "null",
        });
        expect(imported.statusCode).toBeGreaterThanOrEqual(400);
        expect(imported.statusCode).toBeLessThan(500);
        // Article-like text the parser may half understand: the preview answers or refuses.
        const preview = await app.inject({
          method: "POST",
          url: "/api/regulations/import/preview",
          headers: sysadmin.headers,
          payload: { text: `# 《${q.slice(0, 8)}》\n第一条 ${q}\n第三条 ${q.slice(3)}` },
        });
        expect(preview.statusCode, preview.body).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
