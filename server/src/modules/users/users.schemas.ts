import { z } from "zod";
import { ROLES } from "../../platform/auth/permissions.ts";

// Text that reaches PostgreSQL: no control characters (a NUL would be a server error).
const plain = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), "contains control characters");

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// A real calendar date in a range PostgreSQL and people both accept.
const isoDate = z.iso.date().refine((s) => {
  const year = Number(s.slice(0, 4));
  return year >= 1921 && year <= 2199 && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}, "not a valid date");

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,31}$/;

export const UserIdParams = z.object({ id });
export const GrantParams = z.object({ id, grantId: id });

export const UserListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** Part of a display name or username, e.g. 王 or wangjg. */
  q: plain(50).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  memberId: z.number().nullable(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
  /** What the caller may do with this account, by the server's rules. */
  abilities: z.object({ manage: z.boolean(), grant: z.boolean() }),
});
export type UserView = z.infer<typeof UserView>;

export const UserListResponse = z.object({
  items: z.array(UserView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type UserListResponse = z.infer<typeof UserListResponse>;

export const CreateUserBody = z.strictObject({
  username: z.string().regex(USERNAME_PATTERN, "3-32 lower-case letters, digits, _ . -"),
  displayName: plain(50),
  /** The org the account is administered under. */
  orgId: id,
  memberId: id.optional(),
  /** Optional first role, granted at orgId from today. */
  role: z.enum(ROLES).optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const CreateUserResponse = z.object({
  user: UserView,
  /** Shown once; the user must change it at first sign-in. */
  oneTimePassword: z.string(),
});

export const OneTimePasswordResponse = z.object({ oneTimePassword: z.string() });

export const GrantView = z.object({
  id: z.number(),
  userId: z.number(),
  role: z.enum(ROLES),
  orgId: z.number(),
  orgName: z.string(),
  orgPath: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(["scheduled", "active", "ended", "revoked"]),
  grantedBy: z.number().nullable(),
});
export type GrantView = z.infer<typeof GrantView>;

export const GrantListResponse = z.object({ items: z.array(GrantView) });

export const GrantRoleBody = z.strictObject({
  role: z.enum(ROLES),
  orgId: id,
  /** Defaults to today (China time). */
  startsOn: isoDate.optional(),
  /** 离任: the last day the role is held; access ends the day after. */
  endsOn: isoDate.nullable().optional(),
});
export type GrantRoleBody = z.infer<typeof GrantRoleBody>;

export const EndGrantBody = z
  .strictObject({
    /** Defaults to today: the role ends at once. A later date keeps it through that day. */
    endsOn: isoDate.optional(),
  })
  .nullish();
export type EndGrantBody = z.infer<typeof EndGrantBody>;

export const EmptyBody = z.strictObject({}).nullish();

/** At most this many accounts per request, so one click never holds a transaction for long. */
export const MEMBER_ACCOUNTS_PER_REQUEST = 200;

/** 开通账号: for the listed members, or for every member of an org subtree who has none yet. */
export const OpenMemberAccountsBody = z.union([
  z.strictObject({
    memberIds: z.array(id).min(1).max(MEMBER_ACCOUNTS_PER_REQUEST),
  }),
  z.strictObject({ orgId: id }),
]);
export type OpenMemberAccountsBody = z.infer<typeof OpenMemberAccountsBody>;

/** One slip to hand over: who, where, the username and the one-time password (shown once). */
export const AccountSlip = z.object({
  memberId: z.number(),
  name: z.string(),
  orgName: z.string(),
  username: z.string(),
  oneTimePassword: z.string(),
});
export type AccountSlip = z.infer<typeof AccountSlip>;

export const OpenMemberAccountsResponse = z.object({
  opened: z.array(AccountSlip),
  /** Members asked for who already had an account: nothing was changed for them. */
  alreadyOpen: z.number(),
  /** Members still without an account after this request (past the per-request limit). */
  remaining: z.number(),
});
export type OpenMemberAccountsResponse = z.infer<typeof OpenMemberAccountsResponse>;
