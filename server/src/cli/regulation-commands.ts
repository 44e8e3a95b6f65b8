import { readFile } from "node:fs/promises";
import { toAkn, toJson, toMarkdown } from "@wanggui/regulation";
import type { Command } from "commander";
import {
  describeWarnings,
  importRegulation,
  parseOrReject,
} from "../modules/regulations/import-regulation.ts";
import { cliActor } from "../platform/audit/record.ts";
import { DomainError } from "../platform/errors.ts";
import { say, withRuntime } from "./run.ts";

const FORMATS = ["json", "akn", "md"] as const;

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new Error(
      `无法读取文件 ${file}：${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

function domainMessage(error: unknown): never {
  if (error instanceof DomainError) throw new Error(error.text["zh-CN"]);
  throw error;
}

export function registerRegulationCommands(program: Command) {
  const regulation = program.command("regulation").description("规定文本：解析、导出、导入新版本");
  regulation
    .command("parse")
    .description("解析规定文本并输出到标准输出（不连接数据库）")
    .argument("<file>", "纯文本或 Markdown 文件")
    .option("--format <format>", "json | akn | md", "json")
    .action(async (file: string, opts: { format: string }) => {
      if (!FORMATS.includes(opts.format as (typeof FORMATS)[number])) {
        throw new Error(`--format 须为 json、akn 或 md，收到 "${opts.format}"`);
      }
      const parsed = await readText(file).then((text) => {
        try {
          return parseOrReject(text);
        } catch (error) {
          return domainMessage(error);
        }
      });
      const out =
        opts.format === "json"
          ? JSON.stringify(toJson(parsed), null, 2)
          : opts.format === "akn"
            ? toAkn(parsed)
            : toMarkdown(parsed);
      process.stdout.write(`${out}\n`);
      for (const w of describeWarnings(parsed.warnings))
        process.stderr.write(`警告：第 ${w.line} 行：${w.message}\n`);
    });
  regulation
    .command("import")
    .description("把规定文本作为新版本导入（条文编号与内容不变的条保持原有标识）")
    .argument("<file>", "纯文本或 Markdown 文件")
    .option("--effective <date>", "施行日期 YYYY-MM-DD")
    .action(async (file: string, opts: { effective?: string }) => {
      if (opts.effective && !/^\d{4}-\d{2}-\d{2}$/.test(opts.effective)) {
        throw new Error(`--effective 须为 YYYY-MM-DD 格式的日期，收到 "${opts.effective}"`);
      }
      const text = await readText(file);
      const result = await withRuntime(({ ctx }) =>
        importRegulation(ctx.db, cliActor, { text, effectiveOn: opts.effective ?? null }).catch(
          domainMessage,
        ),
      );
      say(
        `已导入《${result.title}》第 ${result.versionNo} 版：${result.articles} 条，其中 ${result.reusedArticles} 条与上一版相同、沿用原标识。`,
      );
      for (const w of result.warnings) say(`警告：第 ${w.line} 行：${w.message}`);
    });
}
