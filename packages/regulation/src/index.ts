export { annotate, annotateArticle, type Provision, splitSentences } from "./annotate.ts";
export {
  ENCOURAGE_LEAD,
  KIND_RULES,
  type KindRule,
  MODAL_CLAUSE_START,
  type NonNormativeKind,
  type NormativeKind,
  OTHER_SUBJECT,
  type ProvisionKind,
  SUBJECT_RULES,
  SUBJECTLESS_KINDS,
  type Subject,
  type SubjectRule,
} from "./annotate-rules.ts";
export {
  cite,
  type ExternalReference,
  type InternalReference,
  type InternalTarget,
  type Reference,
} from "./cite.ts";
export {
  type ArticleChange,
  type ArticleDiff,
  articleContentKey,
  type DiffOp,
  diffArticles,
  diffChars,
} from "./diff.ts";
export {
  type ParseErrorCode,
  type ParseWarning,
  RegulationParseError,
  type WarningCode,
} from "./errors.ts";
export { type AknOptions, toAkn } from "./export-akn.ts";
export { type JsonArticle, type JsonChapter, type JsonDocument, toJson } from "./export-json.ts";
export { toMarkdown } from "./export-md.ts";
export { type NormalizedText, normalize } from "./normalize.ts";
export { parseNumeral, toChineseNumeral } from "./numerals.ts";
export { type ParseOptions, parse } from "./parse.ts";
export {
  BINDING_KINDS,
  bindingSentences,
  type ClauseLike,
  NOT_CONDUCT_KINDS,
  type Sentence,
  subjectsOf,
  wholeSentences,
} from "./sentences.ts";
export type {
  Annex,
  Article,
  ArticleNumber,
  BodyNode,
  Division,
  DivisionLevel,
  HistoryEntry,
  Item,
  Paragraph,
  RegulationDocument,
  Subitem,
} from "./types.ts";
export { type ArticleInContext, articlesInOrder, articleText, divisionsInOrder } from "./walk.ts";
