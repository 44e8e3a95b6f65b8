import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MACHINES } from "../cases/case-types.ts";
import { ACTION_LABELS, actionsMatching } from "./action-labels.ts";

const server = path.resolve(import.meta.dirname, "../../..");
const CODE = String.raw`[a-z_]+(?:\.[a-z_]+)+`;

function sources(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(ext) && !/\.(test|testing|fixtures)\.ts$/.test(f))
    .map((f) => readFileSync(path.join(dir, f), "utf8"));
}

/**
 * Every action code the server can write, found the ways the code writes them: `action: "…"`
 * (or a ternary of two), the code handed to failAttempt, SQL that inserts into audit_events
 * (in code and in migrations), and `case.<transition>` for every case machine's transitions.
 */
function writtenCodes(): Set<string> {
  const codes = new Set<string>();
  const add = (text: string, pattern: RegExp) => {
    for (const m of text.matchAll(pattern)) for (const c of m.slice(1)) if (c) codes.add(c);
  };
  const inserts = (text: string) => {
    for (const m of text.matchAll(/INSERT INTO audit_events[\s\S]*?(?:`|;)/g)) {
      add(m[0], new RegExp(`'(${CODE})'`, "g"));
    }
  };
  for (const text of sources(path.join(server, "src"), ".ts")) {
    add(text, new RegExp(`action:\\s*"(${CODE})"`, "g"));
    add(text, new RegExp(`action:[^\\n]*\\?\\s*"(${CODE})"\\s*:\\s*"(${CODE})"`, "g"));
    add(text, new RegExp(`failAttempt\\([^;]*?"(${CODE})"`, "g"));
    inserts(text);
  }
  for (const text of sources(path.join(server, "migrations"), ".sql")) inserts(text);
  for (const machine of Object.values(MACHINES)) {
    for (const name of Object.keys(machine.transitions)) codes.add(`case.${name}`);
  }
  return codes;
}

describe("audit action labels", () => {
  it("name every action code the server writes, in zh-CN and en-US", () => {
    const codes = writtenCodes();
    // The scan itself must keep working: it finds the codes of every module.
    expect(codes.size).toBeGreaterThan(100);
    for (const known of ["study.campaign.withdraw", "auth.login_failed", "case.accept"]) {
      expect(codes).toContain(known);
    }
    expect([...codes].filter((c) => !ACTION_LABELS[c]).sort()).toEqual([]);
    const blank = Object.entries(ACTION_LABELS).filter(
      ([, label]) => !label["zh-CN"].trim() || !label["en-US"].trim(),
    );
    expect(blank).toEqual([]);
  });

  it("find codes by a Chinese word, an English word or a code", () => {
    expect(actionsMatching("撤回")).toEqual(["study.campaign.withdraw", "contribution.withdraw"]);
    expect(actionsMatching("身份证")).toContain("member.id_number_check");
    expect(actionsMatching("Withdrew")).toEqual([
      "study.campaign.withdraw",
      "contribution.withdraw",
    ]);
    expect(actionsMatching("roster.")).toEqual([
      "roster.import",
      "roster.export",
      "roster.export_full",
    ]);
    expect(actionsMatching("  ")).toEqual([]);
  });
});
