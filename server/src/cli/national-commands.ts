import type { Command } from "commander";
import {
  createNationalTables,
  PUBLICATION,
  publishToNation,
  subscribeProvince,
} from "../modules/national/national-node.ts";
import { type NationalTrends, nationalTrends } from "../modules/national/national-trends.ts";
import { claimProvinceIds, PROVINCE_SPAN } from "../modules/national/province-ids.ts";
import { cliActor, recordAudit } from "../platform/audit/record.ts";
import { createPool, withTx } from "../platform/db/pool.ts";
import { say, withRuntime } from "./run.ts";

/**
 * The operator's steps of ADR 0028: on each province's own database, claim its id range and
 * publish; on the national node (a plain PostgreSQL database, not a Wanggui one), make the
 * tables, subscribe, and read.
 */
export function registerNationalCommands(program: Command) {
  const province = program.command("province").description("本省数据库：供全国节点汇总");
  province
    .command("claim <code>")
    .description("本库改用省级代码（GB/T 2260，11–65）的党组织编号范围；须在建设新省库时运行")
    .action(async (raw: string) => {
      const code = Number(raw);
      await withRuntime(({ ctx }) =>
        withTx(ctx.db, async (tx) => {
          await claimProvinceIds(tx, code);
          await recordAudit(tx, cliActor, {
            action: "national.province.claim",
            entityType: "province",
            entityId: code,
            after: { code, low: code * PROVINCE_SPAN, high: (code + 1) * PROVINCE_SPAN - 1 },
          });
        }),
      );
      say(`本库党组织编号已改用省级代码 ${code} 的范围：此后新建的党组织编号从 ${code} 开头。`);
    });
  province
    .command("publish")
    .description(`发布汇总表（${PUBLICATION}）供全国节点订阅；只发布汇总数与党组织名称，不含党员`)
    .action(async () => {
      await withRuntime(async ({ ctx }) => {
        const level = await ctx.db.query<{ wal_level: string }>("SHOW wal_level");
        if (level.rows[0]?.wal_level !== "logical") {
          throw new Error(
            `本库 wal_level 为 ${level.rows[0]?.wal_level}：须在 postgresql.conf 设为 logical 并重启 PostgreSQL 后再发布`,
          );
        }
        await withTx(ctx.db, async (tx) => {
          await publishToNation(tx);
          await recordAudit(tx, cliActor, {
            action: "national.province.publish",
            entityType: "publication",
            entityId: PUBLICATION,
          });
        });
      });
      say(`已发布 ${PUBLICATION}：全国节点可用 wanggui national subscribe 订阅本库。`);
    });

  const national = program
    .command("national")
    .description(
      "全国节点：订阅各省汇总表并读取全国数据（--url 或 WANGGUI_NATIONAL_URL 指定全国节点数据库）",
    );
  const url = (opts: { url?: string }) => {
    const found = opts.url ?? process.env.WANGGUI_NATIONAL_URL;
    if (!found) throw new Error("未指定全国节点数据库：请用 --url 或设置 WANGGUI_NATIONAL_URL");
    return found;
  };
  national
    .command("init")
    .description("在全国节点数据库建立接收各省汇总的表")
    .option("--url <url>", "全国节点数据库连接串")
    .action((opts: { url?: string }) =>
      onNation(url(opts), async (db) => {
        await createNationalTables(db);
        say("全国节点已建表：可逐省运行 wanggui national subscribe。");
      }),
    );
  national
    .command("subscribe <name> <conninfo>")
    .description(
      "订阅一个省库的汇总表；name 为订阅名（小写字母、数字、下划线），conninfo 为省库连接串",
    )
    .option("--url <url>", "全国节点数据库连接串")
    .action((name: string, conninfo: string, opts: { url?: string }) =>
      onNation(url(opts), async (db) => {
        await subscribeProvince(db, name, conninfo);
        say(`已订阅 ${name}：先复制该省现有汇总，之后随该省每次汇总提交同步。`);
      }),
    );
  national
    .command("trends")
    .description("打印全国及各省某年的汇总（党员数取年末，其余为全年合计）")
    .option("--url <url>", "全国节点数据库连接串")
    .option("--year <year>", "年份", String(new Date().getFullYear()))
    .action((opts: { url?: string; year: string }) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) {
        throw new Error(`--year 须为 2000 到 2100 的年份，收到 "${opts.year}"`);
      }
      return onNation(url(opts), async (db) => {
        for (const line of trendsTable(await nationalTrends(db, year))) say(line);
      });
    });
}

async function onNation(url: string, work: (db: ReturnType<typeof createPool>) => Promise<void>) {
  const db = createPool(url, 2);
  try {
    await work(db);
  } finally {
    await db.end();
  }
}

const COLUMNS = [
  ["党员（年末）", "members"],
  ["考试通过", "examPassed"],
  ["组织生活会", "meetingsHeld"],
  ["整改完成", "rectificationsClosed"],
  ["民主评议", "evaluationsClosed"],
  ["表彰", "commendations"],
] as const;

/** One line per province and one for the nation, tab-separated so it pastes into a sheet. */
export function trendsTable(t: NationalTrends): string[] {
  const row = (label: string, months: NationalTrends["nation"]) =>
    [
      label,
      ...COLUMNS.map(([, key]) =>
        key === "members"
          ? (months.at(-1)?.members ?? 0)
          : months.reduce((sum, m) => sum + (m[key] ?? 0), 0),
      ),
    ].join("\t");
  if (t.provinces.length === 0) return [`全国节点尚无任何省的汇总（${t.year} 年）。`];
  return [
    ["省级代码", ...COLUMNS.map(([label]) => label)].join("\t"),
    ...t.provinces.map((p) => row(`${p.province} ${p.roots.join("、")}`, p.months)),
    row("全国", t.nation),
  ];
}
