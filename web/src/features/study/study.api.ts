import type { z } from "zod";
import type * as attempts from "../../../../server/src/modules/study/attempts/attempts.schemas.ts";
import type * as bank from "../../../../server/src/modules/study/bank/bank.schemas.ts";
import type * as campaigns from "../../../../server/src/modules/study/campaigns/campaigns.schemas.ts";
import type * as materials from "../../../../server/src/modules/study/materials/materials.schemas.ts";
import type * as practice from "../../../../server/src/modules/study/practice/practice.schemas.ts";
import type * as common from "../../../../server/src/modules/study/study.schemas.ts";
import { api, get, post } from "../../shared/api";

export type Task = z.infer<typeof campaigns.Task>;
export type Attempt = z.infer<typeof attempts.Attempt>;
export type Campaign = z.infer<typeof campaigns.Campaign>;
export type CampaignInput = z.input<typeof campaigns.CampaignInput>;
export type Results = z.infer<typeof campaigns.Results>;
export type PracticeDay = z.infer<typeof practice.PracticeDay>;
export type PracticeAnswer = z.infer<typeof practice.PracticeAnswerResponse>;
export type Question = z.infer<typeof bank.Question>;
export type Material = z.infer<typeof materials.Material>;
export type ImportPreview = z.infer<typeof bank.ImportPreview>;
export type Answers = Record<string, string[]>;

export const listTasks = () => get<{ items: Task[] }>("/study/tasks");
export const markRead = (campaignId: number, materialId: number) =>
  post(`/study/tasks/${campaignId}/materials/${materialId}/read`);
export const startAttempt = (campaignId: number) =>
  post<Attempt>(`/study/tasks/${campaignId}/attempts`);
export const getAttempt = (id: number) => get<Attempt>(`/study/attempts/${id}`);
export const saveAnswers = (id: number, answers: Answers) =>
  api<{ savedAt: string; answered: number }>("PUT", `/study/attempts/${id}/answers`, {
    body: { answers },
  });
export const submitAttempt = (id: number, answers: Answers) =>
  post<z.infer<typeof attempts.SubmitResponse>>(`/study/attempts/${id}/submit`, { answers });

export const getPractice = () => get<PracticeDay>("/study/practice/today");
export const answerPractice = (questionId: number, answer: string[]) =>
  post<PracticeAnswer>("/study/practice/answers", { questionId, answer });

export const listCampaigns = (after?: string) =>
  get<{ items: Campaign[]; nextCursor: string | null }>("/study/campaigns", { after });
export const createCampaign = (body: CampaignInput) =>
  post<{ id: number }>("/study/campaigns", body);
/** Only a draft can be edited; the server answers 409 once it is published. */
export const updateCampaign = (id: number, body: CampaignInput) =>
  api<{ id: number }>("PUT", `/study/campaigns/${id}`, { body });
export const publishCampaign = (id: number) => post(`/study/campaigns/${id}/publish`);
export const withdrawCampaign = (id: number, reason: string) =>
  post<z.infer<typeof campaigns.WithdrawResponse>>(`/study/campaigns/${id}/withdraw`, { reason });
export const getResults = (id: number, status?: string, after?: string) =>
  get<Results>(`/study/campaigns/${id}/results`, { status, after });
export const remind = (id: number, target: "not_started" | "not_passed") =>
  post<{ recipients: number }>(`/study/campaigns/${id}/remind`, { target });
export const receipts = (id: number) =>
  get<{ sent: number; read: number }>("/notifications/receipts", {
    sourceType: "study_campaign",
    sourceId: id,
  });
export const resultsExportUrl = (id: number) => `/api/study/campaigns/${id}/results/export`;

export const listQuestions = (status?: string) =>
  get<{ items: Question[]; total: number }>("/study/questions", { status, pageSize: 200 });
export const listMaterials = (query: {
  after?: string;
  q?: string;
  ids?: number[];
  limit?: number;
}) =>
  get<{ items: Material[]; nextCursor: string | null }>("/study/materials", {
    ...query,
    ids: query.ids?.join(","),
  });
export type ArticleRef = z.infer<typeof common.ArticleRef>;
export const listArticles = () => get<{ items: ArticleRef[] }>("/study/articles");
export const createMaterial = (body: z.input<typeof materials.MaterialInput>) =>
  post<{ id: number }>("/study/materials", body);
/** A PDF or DOCX goes as the raw body; title, org and articles travel in the query. */
export const uploadMaterial = (orgId: number, title: string, articleIds: number[], file: File) =>
  api<{ id: number }>("POST", "/study/materials/upload", {
    file,
    query: { orgId, title, articleIds: articleIds.join(",") },
  });
export type GenerateInput = z.input<typeof bank.GenerateBody>;
export type GenerateResult = z.infer<typeof bank.GenerateResponse>;
export const generateDrafts = (body: GenerateInput) =>
  post<GenerateResult>("/study/questions/generate", body);
export const flagChanged = () => post<{ flagged: number }>("/study/questions/flag-changed");
export type QuestionInput = z.input<typeof bank.QuestionInput>;
export type QuestionEdited = z.infer<typeof bank.QuestionEdited>;
export const createQuestion = (body: QuestionInput) =>
  post<{ id: number }>("/study/questions", body);
/** An approved question comes back as a new revision (`revisionOf` set), never changed in place. */
export const editQuestion = (id: number, body: Omit<QuestionInput, "orgId">) =>
  api<QuestionEdited>("PUT", `/study/questions/${id}`, { body });
export const reviewQuestion = (id: number, decision: "approve" | "retire") =>
  post(`/study/questions/${id}/review`, { decision });
/** All ticked questions or none: the server names the one that stopped the batch. */
export const reviewQuestions = (ids: number[], decision: "approve" | "retire") =>
  post<z.infer<typeof bank.BatchReviewResponse>>("/study/questions/review", { ids, decision });
export const bankExportUrl = "/api/study/questions/export";
export const previewImport = (orgId: number, file: File) =>
  api<ImportPreview>("POST", "/study/questions/import/preview", { query: { orgId }, file });
export const confirmImport = (orgId: number, file: File) =>
  api<{ created: number }>("POST", "/study/questions/import", { query: { orgId }, file });

export type Ranking = z.infer<typeof practice.Ranking>;
/** The branch ranking, or null while the branch has not turned rankings on. */
export const getRanking = () =>
  get<Ranking>("/study/rankings").then((ranking) => (ranking.enabled ? ranking : null));
export const getSettings = (orgId: number) =>
  get<{ orgId: number; rankingsEnabled: boolean }>(`/study/settings/${orgId}`);
export const putSettings = (orgId: number, rankingsEnabled: boolean) =>
  api<{ orgId: number; rankingsEnabled: boolean }>("PUT", `/study/settings/${orgId}`, {
    body: { rankingsEnabled },
  });
