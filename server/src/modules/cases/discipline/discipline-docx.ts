import type { Paragraph } from "docx";
import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { NotFound } from "../../../platform/errors.ts";
import {
  body,
  chineseDate,
  render,
  section,
  signature,
  subtitle,
  title,
} from "../../review/docx-format.ts";
import type { ProvisionRef } from "./discipline.repo.ts";
import { MEASURES, type Measure, SANCTIONS } from "./discipline-machine.ts";
import { type Loaded, loadForHandler, loadForMember } from "./discipline-steps.ts";
import { answers, memberRecords } from "./member-view.ts";

export type DocKind = "notice" | "decision" | "appeal";
type Rec = Record<string, unknown>;

const REGULATION = "《中国共产党党员网络行为规定》";
const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** 「党内警告处分」 for a 纪律处分, 「诫勉」 for the lighter measures, with any detail after it. */
const measureText = (m: unknown, detail?: unknown) =>
  `${MEASURES[m as Measure]?.["zh-CN"] ?? String(m)}${SANCTIONS.includes(m as Measure) ? "处分" : ""}${
    detail ? `（${String(detail)}）` : ""
  }`;

/** 「第十条：……」 for each provision, quoted as it stood when the conduct took place. */
function quoted(provisions: unknown): string {
  return ((provisions as ProvisionRef[]) ?? [])
    .map((p) => `${REGULATION}${p.articleLabel}：“${p.text.replace(/[。；]$/u, "")}。”`)
    .join("\n");
}

const articles = (provisions: unknown) =>
  [...new Set(((provisions as ProvisionRef[]) ?? []).map((p) => p.articleLabel))].join("、");

function noticeDoc(name: string, no: string, n: Rec, on: string): Paragraph[] {
  return [
    title("纪律审查告知书"),
    subtitle(`（${no}）`),
    ...body(`${name}同志：`),
    ...body("经审查，现将认定的你的有关事实和拟依据的规定告知如下："),
    section(1, "认定的事实"),
    ...body(String(n.facts)),
    section(2, "拟依据的规定"),
    ...body(`你的上述行为涉嫌违反${REGULATION}${articles(n.provisions)}的规定。`),
    ...body(quoted(n.provisions)),
    section(3, "陈述申辩的权利"),
    ...body(
      `你有权对上述事实和依据进行陈述和申辩。请于${chineseDate(String(n.defenceDueOn))}前，` +
        "通过网规「我的纪律审查」提交书面陈述申辩意见，并可一并提交有关材料。" +
        "逾期未提出的，视为放弃陈述申辩。",
    ),
    ...signature([String(n.orgName), chineseDate(on)]),
  ];
}

function decisionDoc(
  name: string,
  no: string,
  d: Rec,
  on: string,
  defence: Rec | undefined,
  ans: { point: number; adopted: boolean; text: string }[],
): Paragraph[] {
  const sanction = SANCTIONS.includes(d.measure as Measure);
  const heading = sanction
    ? `关于给予${name}同志${measureText(d.measure)}的决定`
    : `关于对${name}同志${measureText(d.measure)}的决定`;
  const points = (defence?.points as string[] | undefined) ?? [];
  const heard = points.length
    ? points
        .map((p, i) => {
          const a = ans.find((x) => x.point === i);
          const verdict = a ? `${a.adopted ? "予以采纳" : "不予采纳"}。${a.text}` : "";
          return `（${NUMERALS[i] ?? i + 1}）${name}同志提出：${p.replace(/[。；\s]+$/u, "")}。经审查，${verdict}`;
        })
        .join("\n")
    : `${name}同志在规定期限内未提出陈述申辩。`;
  return [
    title(heading),
    subtitle(`（${no}）`),
    ...body(`${name}，${String(d.orgName)}党员。`),
    section(1, "违纪事实"),
    ...body(String(d.factsFound)),
    section(2, "陈述申辩及采纳情况"),
    ...body(heard),
    section(3, "处理依据和理由"),
    ...body(String(d.reasons)),
    ...body(`依据${REGULATION}${articles(d.provisions)}的规定：`),
    ...body(quoted(d.provisions)),
    section(4, "处理决定"),
    ...body(
      `经${String(d.meetingName)}（${chineseDate(String(d.meetingOn))}）研究，决定给予${name}同志` +
        `${measureText(d.measure, d.measureDetail)}。`,
    ),
    section(5, "申诉"),
    ...body(
      `如不服本决定，可于${chineseDate(String(d.appealDueOn))}前向${String(d.appealTo)}提出申诉。` +
        "申诉期间，不停止本决定的执行。",
    ),
    ...signature([String(d.decidedBy), chineseDate(on)]),
  ];
}

const OUTCOME_TEXT = {
  upheld: () => "维持原处理决定",
  changed: (r: Rec) => `变更原处理决定，改为${measureText(r.measure, r.measureDetail)}`,
  revoked: () => "撤销原处理决定",
} as const;

function appealDoc(
  name: string,
  no: string,
  d: Rec,
  a: { on: string; r: Rec },
  r: Rec,
  on: string,
): Paragraph[] {
  const outcome = OUTCOME_TEXT[r.outcome as keyof typeof OUTCOME_TEXT]?.(r) ?? String(r.outcome);
  return [
    title(`关于${name}同志申诉的复查决定`),
    subtitle(`（${no}）`),
    ...body(
      `${name}同志对${String(d.decidedBy)}作出的给予其${measureText(r.previousMeasure, d.measureDetail)}的决定不服，` +
        `于${chineseDate(a.on)}提出申诉。现经复查，决定如下。`,
    ),
    section(1, "申诉理由"),
    ...body(String(a.r.reasons)),
    section(2, "复查意见"),
    ...body(String(r.reasons)),
    section(3, "复查结论"),
    ...body(
      `经${String(r.meetingName)}（${chineseDate(String(r.meetingOn))}）研究，决定：${outcome}。`,
    ),
    ...signature([String(r.decidedBy), chineseDate(on)]),
  ];
}

const missing = () =>
  new NotFound({ "zh-CN": "该文书尚未形成", "en-US": "That document does not exist yet" });

async function build(ctx: AppContext, { c }: Loaded, kind: DocKind) {
  const records = await memberRecords(ctx.db, ctx, c.id);
  const nameRow = await ctx.db.query<{ name: string }>("SELECT name FROM members WHERE id = $1", [
    c.subjectMemberId,
  ]);
  const name = nameRow.rows[0]?.name ?? "";
  const notice = records.get("serve_notice");
  const decision = records.get("decide");
  const appealed = records.get("appeal");
  const review = records.get("review_appeal");
  let paragraphs: Paragraph[];
  if (kind === "notice" && notice) paragraphs = noticeDoc(name, c.number, notice.r, notice.on);
  else if (kind === "decision" && decision) {
    paragraphs = decisionDoc(
      name,
      c.number,
      decision.r,
      decision.on,
      records.get("submit_defence")?.r,
      await answers(ctx.db, ctx, c.id),
    );
  } else if (kind === "appeal" && decision && appealed && review) {
    paragraphs = appealDoc(name, c.number, decision.r, appealed, review.r, review.on);
  } else throw missing();
  const label = { notice: "告知书", decision: "处理决定书", appeal: "申诉复查决定书" }[kind];
  const bytes = await render(paragraphs, { title: `${label}（${c.number}）`, creator: c.orgName });
  return { fileName: `${c.number}-${label}.docx`, bytes: Buffer.from(bytes) };
}

/** A document of the case as the 纪委 files it; every export is audited. */
export async function exportForHandler(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  id: number,
  kind: DocKind,
) {
  const loaded = await loadForHandler(ctx.db, ctx, actor, id);
  const file = await build(ctx, loaded, kind);
  await withTx(ctx.db, (tx) =>
    recordAudit(tx, audit, {
      action: "discipline.export",
      entityType: "case",
      entityId: id,
      orgPath: loaded.c.orgPath,
      after: { document: kind },
    }),
  );
  return file;
}

/** The member's copy of a document they were given: the same text, nothing more. */
export async function exportForMember(ctx: AppContext, actor: Actor, id: number, kind: DocKind) {
  return build(ctx, await loadForMember(ctx.db, actor, id), kind);
}
