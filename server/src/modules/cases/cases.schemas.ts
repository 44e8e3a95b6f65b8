import { z } from "zod";
import { DateOnly } from "../members/members.schemas.ts";
import { Id, isControl } from "../orgs/orgs.schemas.ts";
import { LINK_TYPES } from "./core/machine.ts";

const Line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => ![...s].some(isControl), "control characters are not allowed");
const Prose = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(
      (s) => ![...s].some((c) => isControl(c) && c !== "\n" && c !== "\r" && c !== "\t"),
      "control characters are not allowed",
    );

export const PLATFORMS = [
  "wechat_official",
  "weibo",
  "douyin",
  "channels",
  "bilibili",
  "toutiao",
  "kuaishou",
  "xiaohongshu",
  "zhihu",
  "forum",
  "other",
] as const;

/** A web address the handler can open: http(s) only, no credentials, no script. */
export const Link = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "must be an http(s) link");

export const ReportBody = z
  .strictObject({
    platform: z.enum(PLATFORMS),
    link: Link.optional(),
    accountName: Line(200).optional(),
    seenOn: DateOnly,
    description: Prose(5000),
    articles: z.array(z.number().int().min(1).max(999)).max(31).default([]),
    /** A member of the filer's own organization, or a name in words; never both. */
    subjectMemberId: z.number().int().positive().optional(),
    subjectName: Line(100).optional(),
    anonymous: z.boolean().default(false),
  })
  .refine((b) => b.link || b.accountName, {
    path: ["link"],
    message: "give the link or the account name",
  })
  .refine((b) => !(b.subjectMemberId && b.subjectName), {
    path: ["subjectName"],
    message: "pick a member or type a name, not both",
  });
export type ReportBody = z.infer<typeof ReportBody>;

/** A name, or part of one, to find a member of the filer's own branch by. */
export const SubjectCandidatesQuery = z.strictObject({ name: Line(20) });
export const SubjectCandidate = z.object({ id: z.number(), name: z.string() });

export const PROTECTION_KINDS = ["false_accusation", "cyber_violence", "threat"] as const;
export const ProtectionBody = z.strictObject({
  kind: z.enum(PROTECTION_KINDS),
  happenedOn: DateOnly,
  description: Prose(5000),
  links: z.array(Link).max(20).default([]),
  request: Prose(2000),
  /** A secretary applying for a member of their org; omitted when members apply themselves. */
  memberId: z.number().int().positive().optional(),
});
export type ProtectionBody = z.infer<typeof ProtectionBody>;

export const Receipt = z.object({
  id: z.number(),
  number: z.string(),
  openedOn: z.string(),
  ackDueOn: z.string().nullable(),
  feedbackDueOn: z.string().nullable(),
});

export const CaseType = z.enum(["report", "protection", "discipline"]);
export const LinkType = z.enum(LINK_TYPES);

export const CaseListQuery = z.strictObject({
  type: CaseType.optional(),
  state: z
    .string()
    .max(40)
    .regex(/^[a-z_]+$/)
    .optional(),
  cursor: Id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const CaseSummary = z.object({
  id: z.number(),
  caseType: CaseType,
  number: z.string(),
  title: z.string(),
  orgName: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  handlerName: z.string().nullable(),
  openedOn: z.string(),
  ackDueOn: z.string().nullable(),
  feedbackDueOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  overdue: z.boolean(),
});
export const CasePage = z.object({
  items: z.array(CaseSummary),
  nextCursor: z.number().nullable(),
});

export const CaseEvent = z.object({
  id: z.number(),
  kind: z.string(),
  toStateLabel: z.string().nullable(),
  byFiler: z.boolean(),
  actorName: z.string().nullable(),
  text: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
  createdOn: z.string(),
  visibleToFiler: z.boolean(),
});

export const CaseFile = z.object({
  id: z.number(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  byFiler: z.boolean(),
});

export const CaseDetail = CaseSummary.extend({
  platform: z.string().nullable(),
  articles: z.array(z.number()),
  outcome: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  filed: z.record(z.string(), z.unknown()),
  anonymous: z.boolean(),
  events: z.array(CaseEvent),
  files: z.array(CaseFile),
  /** The member the case names or protects, when the handler may see them on the roster. */
  subject: z.object({ memberId: z.number(), name: z.string(), orgName: z.string() }).nullable(),
  related: z.array(z.object({ id: z.number(), number: z.string(), state: z.string() })),
  links: z.array(
    z.object({
      caseId: z.number(),
      number: z.string(),
      caseType: CaseType,
      linkType: LinkType,
      direction: z.enum(["to", "from"]),
      stateLabel: z.string(),
      createdOn: z.string(),
    }),
  ),
  can: z.object({
    transitions: z.array(z.string()),
    note: z.boolean(),
    message: z.boolean(),
    assign: z.boolean(),
    revealFiler: z.boolean(),
    links: z.array(LinkType),
  }),
  outcomes: z.array(z.object({ code: z.string(), label: z.string() })),
});

export const TransitionParams = z.strictObject({ id: Id, name: z.string().max(40) });
/** Where a 澄清正名 is published: the member's own org, or the org above it and all below. */
export const CLARIFICATION_SCOPES = ["own_org", "parent_org"] as const;
export const TransitionBody = z.strictObject({
  note: Prose(5000).optional(),
  outcome: z.string().max(40).optional(),
  feedback: Prose(5000).optional(),
  destination: Line(200).optional(),
  reference: Line(200).optional(),
  consent: z.boolean().optional(),
  /** The 澄清正名 text that the members of the chosen scope receive in their inbox. */
  statement: Prose(2000).optional(),
  scope: z.enum(CLARIFICATION_SCOPES).optional(),
  /** The case a report duplicates: in the handler's scope, of the same type. */
  duplicateOf: Id.optional(),
});
export type TransitionBody = z.infer<typeof TransitionBody>;

export const NoteBody = z.strictObject({ text: Prose(5000), toFiler: z.boolean().default(false) });
export const ProtectionForAccusedBody = z.strictObject({
  /** When the report named the accused only in words, the handler picks them. */
  memberId: z.number().int().positive().optional(),
  /** What the organization found, which the member reads in their case. */
  description: Prose(5000),
});
export const HandlerCandidate = z.object({
  userId: z.number(),
  name: z.string(),
  orgName: z.string(),
  role: z.enum(["secretary", "discipline_officer"]),
  levelsUp: z.number(),
  current: z.boolean(),
  /** The member this case names: they must step aside. */
  named: z.boolean(),
});
export const AssignBody = z.strictObject({ userId: z.number().int().positive() });
export const MessageBody = z.strictObject({ text: Prose(5000) });

export const FilerIdentity = z.object({
  name: z.string(),
  orgName: z.string(),
  memberId: z.number().nullable(),
});

export const Settings = z.strictObject({
  allowAnonymous: z.boolean(),
  ackDays: z.number().int().min(1).max(60),
  feedbackDays: z.number().int().min(7).max(365),
  retentionDays: z.number().int().min(30).max(36500),
});
