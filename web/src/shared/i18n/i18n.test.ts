import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ORG_KINDS } from "../../../../server/src/modules/orgs/orgs.schemas.ts";
import { ROLES } from "../../../../server/src/platform/auth/permissions.ts";
import { ROUTES } from "../../app/route-table";
import { enUS } from "./en-US";
import { leafKeys, placeholders } from "./keys";
import { zhCN } from "./zh-CN";

function leafValue(dict: object, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], dict);
}

describe("translations", () => {
  const zh = leafKeys(zhCN);
  const en = leafKeys(enUS);

  it("has every zh-CN key in en-US and no extra ones", () => {
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
  });

  it("leaves no string empty in either language", () => {
    for (const [dict, keys] of [
      [zhCN, zh],
      [enUS, en],
    ] as const) {
      expect(keys.filter((k) => String(leafValue(dict, k)).trim() === "")).toEqual([]);
    }
  });

  it("uses the same {{placeholders}} in both languages", () => {
    const differing = zh.filter(
      (k) =>
        placeholders(String(leafValue(zhCN, k))).join() !==
        placeholders(String(leafValue(enUS, k))).join(),
    );
    expect(differing).toEqual([]);
  });
});

describe("keys the code asks for", () => {
  const known = new Set(leafKeys(zhCN));

  it('finds every literal t("…") key of the web app in the dictionaries', () => {
    // jsdom gives import.meta.url an http: scheme, so resolve from this file's path instead.
    const root = join(dirname(import.meta.filename), "../..");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
      (f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts") && !f.includes("i18n/"),
    );
    const used = new Set<string>();
    for (const file of files) {
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z][\w.]*\.[\w.]+)"/g)) used.add(m[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it("covers the keys built from data: menu entries, roles, org kinds, grant states", () => {
    const built = [
      ...ROUTES.map((r) => `menu.${r.key}`),
      ...ROLES.map((r) => `roles.${r}`),
      ...ORG_KINDS.map((k) => `orgs.kind.${k}`),
      ...["scheduled", "active", "ended", "revoked"].map((s) => `grants.state.${s}`),
    ];
    expect(built.filter((k) => !known.has(k))).toEqual([]);
  });
});
