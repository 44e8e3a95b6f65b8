/**
 * The rules that give each provision its kind and subjects. They are data on purpose: a
 * reviewer can read, question and test each one without reading the algorithm in annotate.ts.
 */

export type NormativeKind = "obligation" | "prohibition" | "encouragement" | "permission";
export type NonNormativeKind =
  | "purpose"
  | "definition"
  | "interpretation"
  | "commencement"
  | "liability"
  | "applicability"
  /** A sentence that carries no norm, e.g. a statement of fact in a constitution. */
  | "statement";
export type ProvisionKind = NormativeKind | NonNormativeKind;

export type Subject = "member" | "cadre" | "organization" | "department" | "military_member";

export interface KindRule {
  kind: Exclude<ProvisionKind, "statement">;
  pattern: RegExp;
  why: string;
}

const INSTRUMENT = "(?:规定|法|条例|办法|规则|细则|准则)";

/**
 * First match wins. Clauses about the text itself come first, then liability and
 * applicability, then the modal verbs from strongest to weakest. Encouragement comes last so
 * that "各级党组织应当……鼓励和支持党员学网上网用网" (Art 22) is the organization's obligation:
 * 应当 governs the sentence and 鼓励和支持 names what the organization must do.
 */
export const KIND_RULES: readonly KindRule[] = [
  {
    kind: "purpose",
    pattern: new RegExp(`^为了?.*制定本${INSTRUMENT}`),
    why: "为了……制定本规定 states why the text exists",
  },
  {
    kind: "definition",
    pattern: new RegExp(`本${INSTRUMENT}(?:中)?所称|是指|系指`),
    why: "本规定所称……是指 defines a term",
  },
  { kind: "interpretation", pattern: /由.{1,80}负责解释|解释权属于/, why: "由……负责解释" },
  { kind: "commencement", pattern: /自[^，。；]{0,30}(?:施行|生效)/, why: "自……起施行" },
  {
    kind: "liability",
    pattern: new RegExp(`违反本${INSTRUMENT}|追究[^，。；]{0,12}责任|违法犯罪的`),
    why: "consequences of a breach: 违反本规定的……追究责任, 涉嫌违法犯罪的……处理",
  },
  {
    kind: "applicability",
    pattern: new RegExp(`按照[^，。；]{0,20}规定执行|适用于|参照本${INSTRUMENT}执行|不适用本`),
    why: "who or what the text covers: 军队党员……按照军队有关规定执行",
  },
  { kind: "prohibition", pattern: /不得|严禁|禁止|不准|不许/, why: "不得, 严禁, 禁止" },
  {
    kind: "obligation",
    pattern:
      /应当|必须|(?<![需重主只必纲摘概])要(?![求素点件])|负责|承担[^，。；]{0,20}责任|建立健全|^须/,
    why: "应当, 必须, 要, and duties stated as tasks: 承担……主体责任, 负责……, 建立健全……制度",
  },
  { kind: "permission", pattern: /可以|有权/, why: "可以" },
  {
    kind: "encouragement",
    pattern: /鼓励|支持|提倡|倡导/,
    why: "鼓励, 支持 with no stronger modal",
  },
];

/** A clause that starts with one of these opens a new provision when its modality differs. */
export const MODAL_CLAUSE_START = /^(?:不得|严禁|禁止|应当|必须|可以)/;

/** Kinds that describe the text itself: they bind nobody and inherit no subject. */
export const SUBJECTLESS_KINDS: ReadonlySet<ProvisionKind> = new Set([
  "purpose",
  "definition",
  "interpretation",
  "commencement",
  "statement",
]);

export interface SubjectRule {
  subject: Subject;
  /** Anchored at the start of the clause's subject phrase. */
  pattern: RegExp;
  why: string;
}

/** First match wins, so 党员干部 is a cadre and never also a plain member. */
export const SUBJECT_RULES: readonly SubjectRule[] = [
  { subject: "military_member", pattern: /^军队党员/, why: "军队党员" },
  { subject: "cadre", pattern: /^(?:党员)?领导干部|^党员干部/, why: "党员干部, 领导干部" },
  {
    subject: "organization",
    pattern: /^(?:各级|基层)?(?:党组织|党委|党组|党总支|党支部)/,
    why: "各级党组织, 党委, 党支部",
  },
  { subject: "member", pattern: /^(?:每个|每名|全体)?党员(?!干部)/, why: "党员" },
  {
    subject: "department",
    pattern: /^(?:各级|有关)?[^，。；]{0,20}部门/,
    why: "组织、宣传和网信等部门, 有关部门",
  },
];

/** "鼓励党员……": the one encouraged is the object of 鼓励. */
export const ENCOURAGE_LEAD = /^(?:鼓励|支持|提倡|倡导)(?:和(?:鼓励|支持))?/;

/**
 * A clause that names a subject outside the set above keeps no subject rather than borrowing
 * one from its neighbour sentence.
 */
export const OTHER_SUBJECT = new RegExp(
  `^(?:国家|本${INSTRUMENT}|任何|公民|[^，。；]{0,12}(?:人民政府|机关|单位|法院|检察院|公司|企业|个人))`,
);
