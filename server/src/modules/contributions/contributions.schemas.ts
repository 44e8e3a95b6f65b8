import { z } from "zod";
import { CursorQuery, nextCursorField } from "../../platform/keyset.ts";
import { DateOnly } from "../members/members.schemas.ts";
import { Id } from "../orgs/orgs.schemas.ts";
import { Line, Prose } from "../review/review.schemas.ts";

/** Text over several lines that says something: at least two characters besides spaces. */
const Said = (max: number) => Prose(max).refine((s) => s.trim().length >= 2, "请至少填写两个字");

/** 文章, 视频, 帖子, 跟帖评论, 讲好中国故事 (对外传播, Art 8), 其他. */
export const KINDS = ["article", "video", "post", "reply", "china_story", "other"] as const;
export const Kind = z.enum(KINDS);
export type Kind = z.infer<typeof Kind>;
export const KIND_TEXT: Record<Kind, string> = {
  article: "文章",
  video: "视频",
  post: "帖子",
  reply: "跟帖评论",
  china_story: "讲好中国故事（对外传播）",
  other: "其他",
};

export const STATES = ["pending", "accepted", "returned", "withdrawn"] as const;
export type ContributionState = (typeof STATES)[number];
export const STATE_TEXT: Record<ContributionState, string> = {
  pending: "待审核",
  accepted: "已采用",
  returned: "已退回",
  withdrawn: "已撤回",
};

/** 支部, 党委/总支, 县级, 市级, 省级及以上: who conferred the commendation. */
export const LEVELS = ["branch", "committee", "county", "city", "province"] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;
export const LEVEL_TEXT: Record<Level, string> = {
  branch: "党支部",
  committee: "党委（党总支）",
  county: "县级",
  city: "市级",
  province: "省级及以上",
};

export const COMMENDATION_STATES = ["proposed", "approved", "declined"] as const;
export type CommendationState = (typeof COMMENDATION_STATES)[number];
export const COMMENDATION_STATE_TEXT: Record<CommendationState, string> = {
  proposed: "待审批",
  approved: "已批准",
  declined: "未批准",
};

/** A link as the member copies it: http(s) only, so it never runs script. Never fetched. */
const Link = Line(500).refine(
  (s) => /^https?:\/\/[^\s/]+/i.test(s),
  "请填写以 http:// 或 https:// 开头的链接",
);

/** What a member tells about one work of their own; the reach is their own figure (自报). */
export const ContributionBody = z.strictObject({
  title: Line(100),
  kind: Kind,
  link: Link,
  publishedOn: DateOnly,
  reportedReach: z.number().int().min(0).max(10_000_000_000).nullable().optional(),
  description: Said(500),
});
export type ContributionBody = z.infer<typeof ContributionBody>;

export const ReturnBody = z.strictObject({ reason: Line(300, 2) });

export const Contribution = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), name: z.string() }),
  orgName: z.string(),
  title: z.string(),
  kind: Kind,
  link: z.string(),
  publishedOn: z.string(),
  reportedReach: z.number().nullable(),
  description: z.string(),
  state: z.enum(STATES),
  returnReason: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  submittedAt: z.string(),
  can: z.object({ edit: z.boolean(), review: z.boolean() }),
});
export type Contribution = z.infer<typeof Contribution>;

export const ContributionList = z.object({
  items: z.array(Contribution),
  nextCursor: nextCursorField,
});

export const QueueQuery = z.strictObject({
  state: z.enum(STATES).default("pending"),
  memberId: Id.optional(),
  ...CursorQuery,
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const ProposeBody = z.strictObject({
  memberId: Id,
  contributionIds: z.array(Id).min(1).max(50),
  title: Line(100),
  level: Level,
  reason: Said(1000),
});
export type ProposeBody = z.infer<typeof ProposeBody>;

export const ApproveBody = z.strictObject({
  approvedOn: DateOnly,
  documentNo: Line(100),
});
export type ApproveBody = z.infer<typeof ApproveBody>;

export const DeclineBody = z.strictObject({ reason: Line(300, 2) });

export const Commendation = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), name: z.string() }),
  orgName: z.string(),
  title: z.string(),
  level: Level,
  reason: z.string(),
  contributions: z.array(z.object({ id: z.number(), title: z.string(), kind: Kind })),
  state: z.enum(COMMENDATION_STATES),
  proposedBy: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  approvedOn: z.string().nullable(),
  documentNo: z.string().nullable(),
  declineReason: z.string().nullable(),
  can: z.object({ decide: z.boolean() }),
});
export type Commendation = z.infer<typeof Commendation>;

export const CommendationList = z.object({
  items: z.array(Commendation),
  nextCursor: nextCursorField,
});

export const CommendationQuery = z.strictObject({
  orgId: Id.optional(),
  state: z.enum(COMMENDATION_STATES).optional(),
  ...CursorQuery,
});
export type CommendationQuery = z.infer<typeof CommendationQuery>;

export const ExportQuery = z.strictObject({ orgId: Id });

/** A member's commendations and accepted works, for their record (评先评优, Art 23). */
export const MemberRecord = z.object({
  commendations: z.array(Commendation),
  accepted: z.array(Contribution),
});

export const IdParams = z.strictObject({ id: Id });
export const MemberParams = z.strictObject({ memberId: Id });
