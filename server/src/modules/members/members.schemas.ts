import { z } from "zod";
import { BoolQuery, Id, isControl, OrgRef, Page, PageSize } from "../orgs/orgs.schemas.ts";
import { ETHNICITIES } from "./ethnicities.ts";

const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => ![...s].some(isControl), "control characters are not allowed");

/** A calendar date, YYYY-MM-DD. */
export const DateOnly = z.iso.date();
export const Gender = z.enum(["male", "female"]);
export const MemberStatus = z.enum(["full", "probationary"]);
/** 18 characters, the last a digit or X; the checksum and birth date are checked by the rules. */
export const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[1-9][0-9]{16}[0-9X]$/);
/** Mainland mobile number, 11 digits. */
export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9][0-9]{9}$/);

const memberFields = {
  name: Text(50),
  gender: Gender,
  ethnicity: z.enum(ETHNICITIES).nullable().optional(),
  birthDate: DateOnly,
  idNumber: IdNumber,
  phone: Phone.nullable().optional(),
  status: MemberStatus,
  joinedOn: DateOnly,
  confirmedOn: DateOnly.nullable().optional(),
  /** An old record whose 转正日期 is not known: a full member may then lack confirmedOn. */
  legacy: z.boolean().optional(),
  isCadre: z.boolean().default(false),
  position: Text(50).nullable().optional(),
};

export const CreateMemberBody = z.strictObject({
  ...memberFields,
  orgId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type CreateMemberBody = z.infer<typeof CreateMemberBody>;

export const UpdateMemberBody = z
  .strictObject({
    name: memberFields.name.optional(),
    gender: Gender.optional(),
    ethnicity: memberFields.ethnicity,
    birthDate: DateOnly.optional(),
    idNumber: IdNumber.optional(),
    phone: memberFields.phone,
    status: MemberStatus.optional(),
    joinedOn: DateOnly.optional(),
    confirmedOn: memberFields.confirmedOn,
    legacy: memberFields.legacy,
    isCadre: z.boolean().optional(),
    position: memberFields.position,
  })
  .refine((body) => Object.keys(body).length > 0, "nothing to change");
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

const Reason = Text(500).refine((s) => s.length >= 2, "too short");

export const TransferMemberBody = z.strictObject({
  toOrgId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  reason: Reason,
  date: DateOnly,
});
export type TransferMemberBody = z.infer<typeof TransferMemberBody>;

export const ArchiveMemberBody = z.strictObject({ reason: Reason });

export const RevealBody = z.strictObject({
  field: z.enum(["idNumber", "phone"]),
  reason: Reason,
});
export type RevealBody = z.infer<typeof RevealBody>;

export const SORT_KEYS = ["name", "joinedOn", "birthDate", "id"] as const;

export const ListMembersQuery = z.strictObject({
  page: Page,
  pageSize: PageSize,
  sort: z.enum(SORT_KEYS).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  status: MemberStatus.optional(),
  isCadre: BoolQuery.optional(),
  /** Members of this org and every org below it. */
  orgId: Id.optional(),
  name: Text(50).optional(),
  nameMatch: z.enum(["prefix", "contains"]).default("contains"),
  includeArchived: BoolQuery.default(false),
  /**
   * The previous page's nextCursor: the page after it, found by index whatever its depth.
   * When given, `page` is ignored. It names a member, not their sort value, so a cursor never
   * carries a birth date the caller may not see.
   */
  after: z
    .string()
    .regex(/^(name|joinedOn|birthDate|id):(asc|desc):[1-9][0-9]{0,15}$/)
    .optional(),
});
export type ListMembersQuery = z.infer<typeof ListMembersQuery>;

export const Member = z.object({
  id: z.number(),
  name: z.string(),
  gender: Gender,
  ethnicity: z.string().nullable(),
  /**
   * The full date only for those who keep the record (members:write over its org) and the
   * member; everyone else gets null and the year, which is what an age needs.
   */
  birthDate: z.string().nullable(),
  birthYear: z.number(),
  /** Masked to the region: 110105************. The clear value only through the audited reveal. */
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  status: MemberStatus,
  joinedOn: z.string(),
  confirmedOn: z.string().nullable(),
  isCadre: z.boolean(),
  position: z.string().nullable(),
  org: OrgRef,
  archivedAt: z.string().nullable(),
  archiveReason: z.string().nullable(),
  /** The member's sign-in account: none, pending (one-time password not yet changed), active, disabled. */
  account: z.enum(["none", "pending", "active", "disabled"]),
  can: z.object({
    edit: z.boolean(),
    transfer: z.boolean(),
    archive: z.boolean(),
    reveal: z.boolean(),
    openAccount: z.boolean(),
  }),
});
export type Member = z.infer<typeof Member>;

export const HistoryEntry = z.object({
  org: OrgRef,
  fromDate: z.string(),
  toDate: z.string().nullable(),
  reason: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const MemberDetail = Member.extend({ history: z.array(HistoryEntry) });
export type MemberDetail = z.infer<typeof MemberDetail>;

export const MemberPage = z.object({
  items: z.array(Member),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** True when rows follow this page; nextCursor then fetches them. */
  hasMore: z.boolean(),
  nextCursor: z.string().nullable(),
});
export type MemberPage = z.infer<typeof MemberPage>;

export const RevealResponse = z.object({
  field: z.enum(["idNumber", "phone"]),
  value: z.string().nullable(),
});
