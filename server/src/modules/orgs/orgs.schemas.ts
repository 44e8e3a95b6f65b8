import { z } from "zod";

export const ORG_KINDS = ["committee", "general_branch", "branch", "group"] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

/** A database id in a URL or body: a positive integer that fits a JS number. */
export const Id = z.coerce
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .transform(Number);
export const IdParams = z.strictObject({ id: Id });

/** Control characters (tabs, newlines, NUL) have no place in a name or a reason. */
export function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 32 || code === 127;
}

const Name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => ![...s].some(isControl), "control characters are not allowed");
const Reason = z.string().trim().min(2).max(500);

export const Page = z.coerce.number().int().min(1).max(100_000).default(1);
export const PageSize = z.coerce.number().int().min(1).max(100).default(20);
export const BoolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const ChildrenQuery = z.strictObject({
  page: Page,
  pageSize: PageSize,
  includeArchived: BoolQuery.default(false),
});
export type ChildrenQuery = z.infer<typeof ChildrenQuery>;

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  page: Page,
  pageSize: PageSize,
  includeArchived: BoolQuery.default(false),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const CreateOrgBody = z.strictObject({
  /** Absent or null: a new root (system administrators only). */
  parentId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  kind: OrgKind,
  name: Name,
});
export type CreateOrgBody = z.infer<typeof CreateOrgBody>;

export const RenameOrgBody = z.strictObject({ name: Name });
export type RenameOrgBody = z.infer<typeof RenameOrgBody>;

export const MoveOrgBody = z.strictObject({
  newParentId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type MoveOrgBody = z.infer<typeof MoveOrgBody>;

export const ArchiveOrgBody = z.strictObject({ reason: Reason });
export type ArchiveOrgBody = z.infer<typeof ArchiveOrgBody>;

export const OrgRef = z.object({
  id: z.number(),
  kind: OrgKind,
  name: z.string(),
  code: z.string(),
});
export type OrgRef = z.infer<typeof OrgRef>;

export const Org = OrgRef.extend({
  parentId: z.number().nullable(),
  path: z.string(),
  level: z.number(),
  archivedAt: z.string().nullable(),
  archiveReason: z.string().nullable(),
  childCount: z.number(),
  /** Active members attached to this org itself. */
  memberCount: z.number(),
  /** Active members of this org and every org below it. */
  subtreeMemberCount: z.number(),
  /** What the caller may do with this org, by the server's rules. */
  can: z.object({
    createChild: z.boolean(),
    rename: z.boolean(),
    move: z.boolean(),
    archive: z.boolean(),
  }),
});
export type Org = z.infer<typeof Org>;

export const OrgDetail = Org.extend({
  /** Ancestors the caller may see, from the top of their scope down to the parent. */
  ancestors: z.array(OrgRef),
});
export type OrgDetail = z.infer<typeof OrgDetail>;

export const OrgPage = z.object({
  items: z.array(Org),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const OrgSearchPage = z.object({
  items: z.array(OrgDetail),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type OrgSearchPage = z.infer<typeof OrgSearchPage>;

export const OrgList = z.object({ items: z.array(Org) });
