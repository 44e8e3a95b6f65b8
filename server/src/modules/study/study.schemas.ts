import { z } from "zod";

export const QUESTION_TYPES = ["single", "multiple", "true_false", "fill_blank"] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

export const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

const Ids = z
  .array(
    z
      .number()
      .int()
      .positive()
      .max(2 ** 53),
  )
  .max(50);
const Title = z.string().trim().min(1).max(200);
const Text = z.string().trim().min(1).max(2000);

/** An answer: option keys ("0", "2"), "true"/"false", or the one fill-in. */
export const Answer = z.array(z.string().max(200)).max(10);
export type Answer = z.infer<typeof Answer>;

export const QuestionInput = z.strictObject({
  orgId: z.number().int().positive(),
  type: QuestionType,
  stem: Text,
  options: z.array(z.string().trim().min(1).max(300)).max(8).default([]),
  answer: z.array(z.string().trim().min(1).max(200)).min(1).max(8),
  explanation: Text,
  articleIds: Ids.min(1),
});
export type QuestionInput = z.infer<typeof QuestionInput>;

/** An edit rewrites the content; the bank (org) a question belongs to stays. */
export const QuestionEdit = QuestionInput.omit({ orgId: true });
export type QuestionEdit = z.infer<typeof QuestionEdit>;
/** `revisionOf` is set when the edit became a new revision instead of changing the row. */
export const QuestionEdited = z.object({
  id: z.number(),
  revisionOf: z.number().nullable(),
  status: z.literal("draft"),
});

export const Question = z.object({
  id: z.number(),
  orgId: z.number(),
  type: QuestionType,
  stem: z.string(),
  options: z.array(z.string()),
  answer: z.array(z.string()),
  explanation: z.string(),
  articleIds: z.array(z.number()),
  chapterNumber: z.number().nullable(),
  status: z.enum(["draft", "approved", "flagged", "retired"]),
  origin: z.enum(["manual", "generated", "imported"]),
  flagReason: z.string().nullable(),
  /** The approved question this draft rewrites; approving it retires that one. */
  revisionOf: z.number().nullable(),
  createdAt: z.string(),
});
export type Question = z.infer<typeof Question>;

export const QuestionListQuery = z.strictObject({
  status: z.enum(["draft", "approved", "flagged", "retired"]).optional(),
  type: QuestionType.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const QuestionPage = z.object({ items: z.array(Question), total: z.number() });

export const ReviewBody = z.strictObject({
  decision: z.enum(["approve", "retire"]),
});

export const GenerateBody = z.strictObject({
  orgId: z.number().int().positive(),
  limit: z.number().int().min(1).max(200).default(30),
});
export const GenerateResponse = z.object({ created: z.number(), skipped: z.number() });
export const FlagResponse = z.object({ flagged: z.number() });

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
export const MaterialList = z.object({ items: z.array(Material) });

export const PaperRule = z.strictObject({
  chapter: z.number().int().min(1).max(50).nullable().default(null),
  type: QuestionType.nullable().default(null),
  count: z.number().int().min(1).max(100),
});
export type PaperRule = z.infer<typeof PaperRule>;

export const CampaignInput = z
  .strictObject({
    orgId: z.number().int().positive(),
    title: Title,
    description: z.string().trim().max(4000).default(""),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    materialIds: Ids.default([]),
    passMark: z.number().int().min(0).max(100),
    timeLimitMinutes: z.number().int().min(1).max(600),
    maxAttempts: z.number().int().min(1).max(10),
    rules: z.array(PaperRule).min(1).max(20),
  })
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), {
    path: ["endsAt"],
    message: "endsAt must be after startsAt",
  });
export type CampaignInput = z.infer<typeof CampaignInput>;

export const Campaign = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(["draft", "published", "closed"]),
  materialIds: z.array(z.number()),
  passMark: z.number(),
  timeLimitMinutes: z.number(),
  maxAttempts: z.number(),
  rules: z.array(PaperRule),
  questionCount: z.number(),
  can: z.object({ edit: z.boolean(), publish: z.boolean(), results: z.boolean() }),
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignList = z.object({ items: z.array(Campaign) });

/** An article in force, with what the regulation reader's link needs. */
export const ArticleRef = z.object({
  id: z.number(),
  documentId: z.number(),
  number: z.number(),
  sub: z.number(),
  label: z.string(),
  chapterNumber: z.number().nullable(),
  chapterHeading: z.string().nullable(),
});
export const ArticleList = z.object({ items: z.array(ArticleRef) });

export const Task = z.object({
  campaign: Campaign.omit({ can: true }),
  materials: z.array(Material.extend({ read: z.boolean(), articles: z.array(ArticleRef) })),
  attemptsUsed: z.number(),
  openAttemptId: z.number().nullable(),
  best: z.object({ score: z.number(), passed: z.boolean() }).nullable(),
  lastAttemptId: z.number().nullable(),
});
export const TaskList = z.object({ items: z.array(Task) });

export const PaperQuestion = z.object({
  id: z.number(),
  type: QuestionType,
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  articleIds: z.array(z.number()),
});

export const Attempt = z.object({
  id: z.number(),
  campaignId: z.number(),
  attemptNo: z.number(),
  startedAt: z.string(),
  deadlineAt: z.string(),
  serverNow: z.string(),
  questions: z.array(PaperQuestion),
  answers: z.record(z.string(), Answer),
  submittedAt: z.string().nullable(),
  result: z
    .object({
      score: z.number(),
      correct: z.number(),
      total: z.number(),
      passed: z.boolean(),
      passMark: z.number(),
      review: z.array(
        z.object({
          questionId: z.number(),
          correct: z.boolean(),
          answer: z.array(z.string()),
          explanation: z.string(),
        }),
      ),
    })
    .nullable(),
});
export type Attempt = z.infer<typeof Attempt>;

export const SaveAnswersBody = z.strictObject({
  answers: z.record(z.string().max(20), Answer),
});
/** Loose on purpose: a client that sends its own score is refused and audited, not ignored. */
export const SubmitBody = z.looseObject({
  answers: z.record(z.string().max(20), Answer),
});
export const SubmitResponse = z.object({
  attemptId: z.number(),
  score: z.number(),
  correct: z.number(),
  total: z.number(),
  passed: z.boolean(),
  passMark: z.number(),
});
export const SavedResponse = z.object({ savedAt: z.string(), answered: z.number() });

export const ResultsQuery = z.strictObject({
  status: z.enum(["not_started", "in_progress", "passed", "failed"]).optional(),
});
export const ResultRow = z.object({
  memberId: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  status: z.enum(["not_started", "in_progress", "passed", "failed"]),
  attempts: z.number(),
  bestScore: z.number().nullable(),
  submittedAt: z.string().nullable(),
});
export type ResultRow = z.infer<typeof ResultRow>;
export const BranchSummary = z.object({
  orgId: z.number(),
  orgName: z.string(),
  members: z.number(),
  notStarted: z.number(),
  inProgress: z.number(),
  passed: z.number(),
  failed: z.number(),
});
export const Results = z.object({
  campaignId: z.number(),
  totals: BranchSummary.omit({ orgId: true, orgName: true }),
  branches: z.array(BranchSummary),
  items: z.array(ResultRow),
});

export const RemindBody = z.strictObject({
  target: z.enum(["not_started", "not_passed"]),
});
export const RemindResponse = z.object({ recipients: z.number() });

export const PracticeQuestion = PaperQuestion.extend({
  result: z.enum(["correct", "wrong"]).nullable(),
});
export const PracticeDay = z.object({
  day: z.string(),
  questions: z.array(PracticeQuestion),
  points: z.number(),
  dailyCap: z.number(),
  totalPoints: z.number(),
  streak: z.number(),
  completed: z.boolean(),
});
export const PracticeAnswerBody = z.strictObject({
  questionId: z.number().int().positive(),
  answer: Answer,
});
export const PracticeAnswerResponse = z.object({
  correct: z.boolean(),
  answer: z.array(z.string()),
  explanation: z.string(),
  pointsAwarded: z.number(),
  points: z.number(),
  completed: z.boolean(),
});

export const SettingsBody = z.strictObject({ rankingsEnabled: z.boolean() });
export const Settings = z.object({ orgId: z.number(), rankingsEnabled: z.boolean() });
export const Ranking = z.object({
  orgId: z.number(),
  orgName: z.string(),
  items: z.array(z.object({ rank: z.number(), name: z.string(), points: z.number() })),
});

export const ImportPreview = z.object({
  rows: z.array(
    z.object({
      row: z.number(),
      stem: z.string(),
      errors: z.array(z.object({ column: z.string(), message: z.string() })),
    }),
  ),
  valid: z.number(),
  invalid: z.number(),
});
export const ImportResult = z.object({ created: z.number() });
export const ImportQuery = z.strictObject({ orgId: z.coerce.number().int().positive() });
