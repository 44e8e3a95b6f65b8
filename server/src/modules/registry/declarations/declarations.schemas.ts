import { z } from "zod";
import { CursorQuery, nextCursorField } from "../../../platform/keyset.ts";
import { DateOnly } from "../../members/members.schemas.ts";
import { Id } from "../../orgs/orgs.schemas.ts";
import { Line } from "../../review/review.schemas.ts";

export const OpenDeclarationCampaignBody = z
  .strictObject({
    orgId: Id,
    kind: z.enum(["annual", "ad_hoc"]),
    title: Line(100, 2),
    periodFrom: DateOnly,
    periodTo: DateOnly,
    dueOn: DateOnly,
  })
  .superRefine((b, ctx) => {
    if (b.periodTo < b.periodFrom) {
      ctx.addIssue({
        code: "custom",
        path: ["periodTo"],
        message: "申报期间的结束日期不能早于开始日期",
      });
    }
  });
export type OpenDeclarationCampaignBody = z.infer<typeof OpenDeclarationCampaignBody>;

/** 网络虚拟财物 received through one's office (Art 18), and how it was handed over. */
export const Asset = z.strictObject({
  kind: z.enum(["account", "game_item", "virtual_currency", "other"]),
  description: Line(200, 2),
  /** From whom, on what occasion. */
  source: Line(100, 2),
  receivedOn: DateOnly,
  /** 上交纪检组织、退还本人…, as the cadre describes it. */
  handover: Line(300, 2),
  handedOverOn: DateOnly.optional(),
});

/** Online lending or live-streaming sales in one's official capacity (Art 19). */
export const Activity = z.strictObject({
  kind: z.enum(["lending", "live_sales", "other"]),
  description: Line(300, 2),
  platform: Line(50),
  period: Line(100),
  /** The approving body and its document, as declared; empty when there was none. */
  approval: Line(300, 0).default(""),
});

export const DeclareBody = z
  .strictObject({
    assetsNone: z.boolean(),
    assets: z.array(Asset).max(30).default([]),
    activitiesNone: z.boolean(),
    activities: z.array(Activity).max(30).default([]),
    note: Line(500).optional(),
    /** Why an amendment was made; asked from the second version on. */
    changeNote: Line(200).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.assetsNone !== (b.assets.length === 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["assets"],
        message: b.assetsNone ? "选择「无」时不填写财物" : "请逐项填写收受的网络虚拟财物",
      });
    }
    if (b.activitiesNone !== (b.activities.length === 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["activities"],
        message: b.activitiesNone ? "选择「无」时不填写活动" : "请逐项填写开展的活动",
      });
    }
  });
export type DeclareBody = z.infer<typeof DeclareBody>;

export const DeclarationCampaign = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(["annual", "ad_hoc"]),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  cadres: z.number(),
  declared: z.number(),
});
export type DeclarationCampaign = z.infer<typeof DeclarationCampaign>;
export const DeclarationCampaignList = z.object({
  items: z.array(DeclarationCampaign),
  nextCursor: nextCursorField,
});

export const DeclarationVersion = z.object({
  version: z.number(),
  assets: z.array(Asset),
  activities: z.array(Activity),
  note: z.string().nullable(),
  changeNote: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export const Finding = z.object({
  id: z.number(),
  version: z.number(),
  finding: z.string(),
  referToCase: z.boolean(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const Declaration = z.object({
  id: z.number(),
  campaign: DeclarationCampaign.omit({ cadres: true, declared: true }),
  member: z.object({ id: z.number(), name: z.string(), position: z.string().nullable() }),
  orgTrail: z.string(),
  /** Newest first: the current declaration, then every earlier one. */
  versions: z.array(DeclarationVersion),
  findings: z.array(Finding),
  can: z.object({ amend: z.boolean(), recordFinding: z.boolean() }),
});
export type Declaration = z.infer<typeof Declaration>;

export const CoverageQuery = z.strictObject({
  status: z.enum(["declared", "undeclared", "with_items", "with_findings"]).optional(),
  ...CursorQuery,
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;
export const CoverageRow = z.object({
  memberId: z.number(),
  name: z.string(),
  position: z.string().nullable(),
  orgTrail: z.string(),
  declarationId: z.number().nullable(),
  version: z.number().nullable(),
  declaredAt: z.string().nullable(),
  assets: z.number(),
  activities: z.number(),
  findings: z.number(),
});
export const DeclarationCoverage = z.object({
  campaign: DeclarationCampaign,
  items: z.array(CoverageRow),
  nextCursor: nextCursorField,
});

export const MyDeclaration = z.object({
  campaign: DeclarationCampaign.omit({ cadres: true, declared: true }),
  declarationId: z.number().nullable(),
  version: z.number().nullable(),
  declaredAt: z.string().nullable(),
});
export type MyDeclaration = z.infer<typeof MyDeclaration>;

export const FindingBody = z.strictObject({
  finding: Line(2000, 2),
  /** Marks the finding as one a discipline case should be opened from. */
  referToCase: z.boolean().default(false),
});
