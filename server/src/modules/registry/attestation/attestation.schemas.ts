import { z } from "zod";
import { CursorQuery, nextCursorField } from "../../../platform/keyset.ts";
import { DateOnly } from "../../members/members.schemas.ts";
import { Id } from "../../orgs/orgs.schemas.ts";
import { Line, Year } from "../../review/review.schemas.ts";

export const OpenCampaignBody = z.strictObject({
  orgId: Id,
  year: Year,
  title: Line(100, 2).optional(),
  dueOn: DateOnly,
});
export type OpenCampaignBody = z.infer<typeof OpenCampaignBody>;

export const Campaign = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  title: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  /** Active cadres of the org and below, and how many of them have signed. */
  cadres: z.number(),
  signed: z.number(),
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignList = z.object({ items: z.array(Campaign), nextCursor: nextCursorField });
export const CampaignQuery = z.strictObject({ orgId: Id.optional(), ...CursorQuery });

/** One cadre's line in a campaign's coverage: signed when, or not yet. */
export const CoverageRow = z.object({
  memberId: z.number(),
  name: z.string(),
  position: z.string().nullable(),
  orgTrail: z.string(),
  accounts: z.number(),
  signedAt: z.string().nullable(),
});
export const CoverageQuery = z.strictObject({
  status: z.enum(["signed", "unsigned"]).optional(),
  ...CursorQuery,
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;
export const Coverage = z.object({
  campaign: Campaign,
  items: z.array(CoverageRow),
  nextCursor: nextCursorField,
});

/** A campaign as the cadre sees it: theirs to sign, or signed with what they confirmed. */
export const MyAttestation = z.object({
  campaign: Campaign.omit({ cadres: true, signed: true }),
  signedAt: z.string().nullable(),
  statement: z.string().nullable(),
});
export type MyAttestation = z.infer<typeof MyAttestation>;

export const SignBody = z.strictObject({
  /** The cadre ticks 「本人确认以上登记完整、真实」; the password is the signature. */
  confirm: z.literal(true),
  password: z
    .string()
    .min(1)
    .max(256)
    .refine((s) => !s.includes("\u0000"), "contains a NUL character"),
});
