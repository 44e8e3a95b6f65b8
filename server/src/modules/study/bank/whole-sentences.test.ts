import { readFile } from "node:fs/promises";
import { parse, splitSentences } from "@wanggui/regulation";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { systemActor } from "../../../platform/audit/record.ts";
import type { AppContext } from "../../../platform/context.ts";
import { SEED_REGULATION, seedRegulationOnce } from "../../../seed/seed-regulation.ts";
import { currentArticles, currentProvisions } from "../../regulations/study-sources.ts";
import { drawChecklist } from "../../review/self-review/draw-checklist.ts";
import { type Draft, draftQuestions } from "./question-drafts.ts";
import { BLANK } from "./question-rules.ts";

let ctx: AppContext;
/** Every sentence of the seed text, keyed by the article it is in. */
let seed: Map<string, Set<string>>;
let drafts: Draft[];
let labels: Map<number, string>;

beforeAll(async () => {
  ({ ctx } = await testApp());
  await seedRegulationOnce(ctx.db, systemActor);
  const doc = parse(await readFile(SEED_REGULATION, "utf8"));
  seed = new Map();
  const walk = (nodes: typeof doc.body) => {
    for (const node of nodes) {
      if (node.type === "division") walk(node.children);
      else
        seed.set(
          node.label,
          new Set(
            node.paragraphs.flatMap((p) =>
              [
                p.text,
                ...p.items.flatMap((i) => [i.text, ...i.subitems.map((s) => s.text)]),
              ].flatMap(splitSentences),
            ),
          ),
        );
    }
  };
  walk(doc.body);
  const articles = await currentArticles(ctx.db);
  labels = new Map(articles.map((a) => [a.id, a.label]));
  drafts = draftQuestions(await currentProvisions(ctx.db), new Map(articles.map((a) => [a.id, a])));
});

const unend = (s: string) => s.replace(/[。；：]$/, "");

describe("checklist lines and generated questions quote whole sentences of the seed", () => {
  it("every checklist line, for a member and a cadre, is a whole sentence of its article", async () => {
    for (const cadre of [false, true]) {
      const lines = await drawChecklist(ctx.db, cadre);
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) {
        expect(seed.get(line.articleLabel)?.has(line.provisionText), line.provisionText).toBe(true);
      }
      const labelsDrawn = new Set(lines.map((l) => l.articleLabel));
      expect(labelsDrawn.has("第二十八条")).toBe(false);
      expect(labelsDrawn.has("第三十一条")).toBe(false);
      expect(labelsDrawn.has("第十八条")).toBe(cadre);
    }
  });

  it("keeps 第十五条 whole in the checklist", async () => {
    const lines = await drawChecklist(ctx.db, false);
    expect(lines.filter((l) => l.articleLabel === "第十五条").map((l) => l.provisionText)).toEqual([
      "党员应当严格遵守党的保密纪律，不得通过网络泄露、扩散党和国家秘密、工作秘密。",
    ]);
  });

  it("every generated question quotes a whole sentence, and a blank filled with its answer restores it", () => {
    expect(drafts.length).toBeGreaterThan(20);
    for (const d of drafts) {
      const [label, sentence] = d.explanation.replace(/^依据/, "").split(/：(.*)/s);
      const article = labels.get(d.articleIds[0] ?? 0);
      expect(label).toBe(article);
      expect(seed.get(label ?? "")?.has(sentence ?? ""), d.explanation).toBe(true);
      if (d.type === "fill_blank") {
        expect(unend(d.stem.replace(BLANK, d.answer[0] ?? "")), d.stem).toBe(unend(sentence ?? ""));
      }
      expect(d.stem.replace(BLANK, "")).not.toMatch(/^[“]?[，、]/);
    }
  });

  it("asks nothing about 第二十八条's liability sentences and blanks 第十五条 with its subject in place", () => {
    expect(drafts.filter((d) => d.explanation.startsWith("依据第二十八条"))).toEqual([]);
    const art15 = drafts.find(
      (d) => d.type === "fill_blank" && d.explanation.startsWith("依据第十五条"),
    );
    expect(art15?.stem).toBe(
      `党员${BLANK}严格遵守党的保密纪律，不得通过网络泄露、扩散党和国家秘密、工作秘密。`,
    );
  });
});
