import { z } from "zod";
import { CursorQuery, nextCursorField } from "../../platform/keyset.ts";
import { DateOnly } from "../members/members.schemas.ts";
import { Id } from "../orgs/orgs.schemas.ts";
import { Line } from "../review/review.schemas.ts";

export const PLATFORMS = [
  "wechat_official",
  "weibo",
  "douyin",
  "channels",
  "bilibili",
  "toutiao",
  "other",
] as const;
export const Platform = z.enum(PLATFORMS);
export type Platform = z.infer<typeof Platform>;

export const PLATFORM_TEXT: Record<Platform, string> = {
  wechat_official: "微信公众号",
  weibo: "微博",
  douyin: "抖音",
  channels: "视频号",
  bilibili: "B站",
  toutiao: "今日头条",
  other: "其他",
};

/** A link as the cadre copies it from the platform: http(s) only, so it never runs script. */
const Link = Line(500).refine(
  (s) => /^https?:\/\/[^\s/]+/i.test(s),
  "请填写以 http:// 或 https:// 开头的链接",
);

/**
 * What a cadre declares about one public account (Art 20). Each save is a whole new version;
 * the platform's name is asked only for 其他, the unit's only for a unit's account.
 */
export const AccountBody = z
  .strictObject({
    platform: Platform,
    platformOther: Line(50).optional(),
    name: Line(100),
    handle: Line(100),
    link: Link.optional(),
    ownership: z.enum(["personal", "unit"]),
    unitName: Line(100).optional(),
    purpose: Line(500, 2),
    since: DateOnly,
    coManagers: Line(200, 0).default(""),
    status: z.enum(["active", "closed"]).default("active"),
    changeNote: Line(200).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.platform === "other" && !b.platformOther) {
      ctx.addIssue({ code: "custom", path: ["platformOther"], message: "请填写平台名称" });
    }
    if (b.ownership === "unit" && !b.unitName) {
      ctx.addIssue({ code: "custom", path: ["unitName"], message: "请填写账号所属单位" });
    }
  });
export type AccountBody = z.infer<typeof AccountBody>;

export const AccountVersion = z.object({
  version: z.number(),
  platform: Platform,
  platformOther: z.string().nullable(),
  name: z.string(),
  handle: z.string(),
  link: z.string().nullable(),
  ownership: z.enum(["personal", "unit"]),
  unitName: z.string().nullable(),
  purpose: z.string(),
  since: z.string(),
  coManagers: z.string(),
  status: z.enum(["active", "closed"]),
  changeNote: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type AccountVersion = z.infer<typeof AccountVersion>;

export const Account = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), name: z.string(), position: z.string().nullable() }),
  orgId: z.number(),
  /** The member's org and the orgs above it, root first: 青山县委 / 城关镇党委 / 第一党支部. */
  orgTrail: z.string(),
  current: AccountVersion,
  /** Every version, newest first; only on the single account's page. */
  history: z.array(AccountVersion).optional(),
  can: z.object({ revise: z.boolean() }),
});
export type Account = z.infer<typeof Account>;

export const AccountList = z.object({ items: z.array(Account), nextCursor: nextCursorField });

export const AccountQuery = z.strictObject({
  orgId: Id.optional(),
  status: z.enum(["active", "closed"]).optional(),
  ...CursorQuery,
});
export type AccountQuery = z.infer<typeof AccountQuery>;

export const ExportQuery = z.strictObject({ orgId: Id });

export const IdParams = z.strictObject({ id: Id });
