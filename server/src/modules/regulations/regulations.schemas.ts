import { z } from "zod";

export const KINDS = [
  "obligation",
  "prohibition",
  "encouragement",
  "permission",
  "purpose",
  "definition",
  "liability",
  "applicability",
  "interpretation",
  "commencement",
  "statement",
] as const;
export const SUBJECTS = [
  "member",
  "cadre",
  "organization",
  "department",
  "military_member",
] as const;

const isoDate = z.iso.date();
const docId = z.coerce.number().int().positive();

export const DocParams = z.object({ docId });
export const VersionQuery = z
  .object({ version: z.coerce.number().int().positive().optional() })
  .strict();

/** "11" for 第十一条, "133-1" for 第一百三十三条之一. */
export const ArticleParams = z.object({
  docId,
  number: z.string().regex(/^\d{1,5}(-\d{1,2})?$/, "article number like 11 or 133-1"),
});

export const ImportBody = z
  .object({
    text: z.string().min(1).max(5_000_000),
    effectiveOn: isoDate.optional(),
  })
  .strict();

export const ImportResponse = z.object({
  documentId: z.number(),
  versionId: z.number(),
  versionNo: z.number(),
  title: z.string(),
  articles: z.number(),
  reusedArticles: z.number(),
  warnings: z.array(z.object({ line: z.number(), code: z.string(), message: z.string() })),
});

export const ImportPreviewResponse = z.object({
  title: z.string(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  documentId: z.number().nullable(),
  latestVersionNo: z.number().nullable(),
  versionNo: z.number(),
  sameAsLatest: z.boolean(),
  articles: z.number(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
  warnings: z.array(z.object({ line: z.number(), code: z.string(), message: z.string() })),
});

const Version = z.object({
  id: z.number(),
  versionNo: z.number(),
  issuedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  importedAt: z.string(),
  articles: z.number(),
});
export const DocumentList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      issuer: z.string().nullable(),
      versions: z.array(Version),
    }),
  ),
});

const ArticleRef = z.object({
  id: z.number(),
  number: z.number(),
  sub: z.number(),
  label: z.string(),
  eId: z.string(),
});
export const DocumentTree = z.object({
  documentId: z.number(),
  title: z.string(),
  issuer: z.string().nullable(),
  versionNo: z.number(),
  issuedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  source: z.string().nullable(),
  preamble: z.array(z.string()),
  chapters: z.array(
    z.object({
      number: z.number().nullable(),
      label: z.string().nullable(),
      heading: z.string().nullable(),
      articles: z.array(ArticleRef),
    }),
  ),
  warnings: z.array(z.unknown()),
});

export const ProvisionOut = z.object({
  id: z.number(),
  seq: z.number(),
  kind: z.string(),
  subjects: z.array(z.string()),
  text: z.string(),
  automatic: z.object({ kind: z.string(), subjects: z.array(z.string()) }),
  correction: z
    .object({
      kind: z.string(),
      subjects: z.array(z.string()),
      note: z.string(),
      correctedBy: z.string(),
      correctedAt: z.string(),
    })
    .nullable(),
  article: z.object({ number: z.number(), sub: z.number(), label: z.string() }),
});

export const ArticleOut = z.object({
  id: z.number(),
  documentId: z.number(),
  versionNo: z.number(),
  number: z.number(),
  sub: z.number(),
  label: z.string(),
  eId: z.string(),
  chapter: z.object({
    number: z.number().nullable(),
    label: z.string().nullable(),
    heading: z.string().nullable(),
  }),
  text: z.string(),
  paragraphs: z.unknown(),
  provisions: z.array(ProvisionOut),
  references: z.array(
    z.object({
      kind: z.enum(["internal", "external"]),
      text: z.string(),
      title: z.string().optional(),
      target: z.string().optional(),
      eId: z.string().nullable().optional(),
      /** For internal references: the article the link goes to, in this version. */
      article: z.object({ number: z.number(), sub: z.number() }).nullable().optional(),
    }),
  ),
  previous: z.object({ number: z.number(), sub: z.number() }).nullable(),
  next: z.object({ number: z.number(), sub: z.number() }).nullable(),
});

export const ProvisionsQuery = z
  .object({
    version: z.coerce.number().int().positive().optional(),
    kind: z.enum(KINDS).optional(),
    /** Who is bound: a cadre is also bound by what binds every member. */
    binds: z.enum(SUBJECTS).optional(),
  })
  .strict();
export const ProvisionList = z.object({ items: z.array(ProvisionOut) });

export const SearchQuery = z
  .object({
    q: z.string().trim().min(1).max(200),
    docId: z.coerce.number().int().positive().optional(),
    page: z.coerce.number().int().min(1).max(1000).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export const SearchResponse = z.object({
  terms: z.array(z.string()),
  /** `characters` when no provision held the query's words and their characters were matched. */
  match: z.enum(["words", "characters"]),
  total: z.number(),
  items: z.array(
    z.object({
      documentId: z.number(),
      title: z.string(),
      versionNo: z.number(),
      provisionId: z.number(),
      article: z.object({ number: z.number(), sub: z.number(), label: z.string() }),
      kind: z.string(),
      subjects: z.array(z.string()),
      snippet: z.array(z.object({ text: z.string(), hit: z.boolean() })),
      score: z.number(),
    }),
  ),
});

export const DiffQuery = z
  .object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() })
  .strict();

export const ExportQuery = z
  .object({
    format: z.enum(["json", "akn", "md", "docx"]),
    version: z.coerce.number().int().positive().optional(),
  })
  .strict();

export const CorrectionParams = z.object({ provisionId: z.coerce.number().int().positive() });
export const CorrectionBody = z
  .object({
    kind: z.enum(KINDS),
    subjects: z.array(z.enum(SUBJECTS)).max(5),
    note: z.string().trim().min(2).max(500),
  })
  .strict();
