// 学习资料: articles of the regulation, links and uploaded files.
import { z } from "zod";
import { CursorQuery, nextCursorField } from "../../../platform/keyset.ts";
import { Ids, Title } from "../study.schemas.ts";

export const MaterialInput = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("article"),
    orgId: z.number().int().positive(),
    title: Title,
    articleIds: Ids.min(1),
  }),
  z.strictObject({
    kind: z.literal("link"),
    orgId: z.number().int().positive(),
    title: Title,
    url: z.url({ protocol: /^https?$/ }).max(1000),
    articleIds: Ids.default([]),
  }),
]);
export type MaterialInput = z.infer<typeof MaterialInput>;

/** The file is the raw body (its name in x-file-name, as the web client sends every file). */
export const UploadQuery = z.strictObject({
  orgId: z.coerce.number().int().positive(),
  title: z.string().trim().min(1).max(200),
  articleIds: z
    .string()
    .max(500)
    .regex(/^(\d{1,15}(,\d{1,15})*)?$/)
    .default("")
    .transform((v) => v.split(",").filter(Boolean).map(Number)),
});
export const UploadHeaders = z.object({ "x-file-name": z.string().min(1).max(600) });

export const Material = z.object({
  id: z.number(),
  orgId: z.number(),
  kind: z.enum(["article", "file", "link"]),
  title: z.string(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  fileSize: z.number().nullable(),
  articleIds: z.array(z.number()),
});
export type Material = z.infer<typeof Material>;
export const MaterialList = z.object({ items: z.array(Material), nextCursor: nextCursorField });
export const MaterialListQuery = z.strictObject({
  ...CursorQuery,
  q: z.string().trim().max(100).optional(),
  /** Comma-separated ids: the materials a campaign names, whatever page they are on. */
  ids: z
    .string()
    .regex(/^\d{1,12}(,\d{1,12}){0,99}$/, "应为以逗号分隔的资料编号 / comma-separated ids")
    .transform((v) => v.split(",").map(Number))
    .optional(),
});
