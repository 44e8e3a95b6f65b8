import type { Lang } from "./audit-labels";

/** One changed (or recorded) field, as an auditor reads it: 状态：草稿 → 已发布. */
export interface Change {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

type Words = Record<Lang, string>;
const w = (zh: string, en: string): Words => ({ "zh-CN": zh, "en-US": en });

const FIELDS: Record<string, Words> = {
  status: w("状态", "Status"),
  state: w("办理状态", "State"),
  reason: w("原因", "Reason"),
  title: w("标题", "Title"),
  name: w("名称", "Name"),
  displayName: w("姓名", "Name"),
  username: w("用户名", "Username"),
  memberName: w("党员", "Member"),
  memberId: w("党员", "Member"),
  fromMemberId: w("原党员", "From member"),
  toMemberId: w("新党员", "To member"),
  ownerMemberId: w("责任党员", "Responsible member"),
  userId: w("账号", "Account"),
  handlerUserId: w("承办人", "Handler"),
  orgId: w("党组织", "Organization"),
  parentId: w("上级党组织", "Parent organization"),
  role: w("角色", "Role"),
  grade: w("等次", "Grade"),
  suggestedGrade: w("自评等次", "Suggested grade"),
  field: w("查看的字段", "Field"),
  outcome: w("办理结果", "Outcome"),
  stem: w("题干", "Question"),
  type: w("类型", "Type"),
  types: w("题型", "Question types"),
  created: w("新增数量", "Created"),
  skipped: w("跳过数量", "Skipped"),
  recipients: w("接收人数", "Recipients"),
  rows: w("行数", "Rows"),
  kind: w("种类", "Kind"),
  startsAt: w("开始时间", "Starts"),
  endsAt: w("结束时间", "Ends"),
  startsOn: w("开始日期", "Starts on"),
  endsOn: w("结束日期", "Ends on"),
  dueOn: w("期限", "Due"),
  passMark: w("及格分", "Pass mark"),
  score: w("得分", "Score"),
  correct: w("答对题数", "Correct"),
  total: w("总题数", "Total"),
  passed: w("是否通过", "Passed"),
  disabled: w("停用", "Disabled"),
  enabled: w("启用", "Enabled"),
  rankingsEnabled: w("积分排行", "Rankings"),
  articleIds: w("引用条文", "Articles"),
  questionIds: w("试题", "Questions"),
  campaignId: w("专题学习", "Campaign"),
  attemptNo: w("第几次考试", "Attempt"),
  fileName: w("文件名", "File"),
  format: w("文件格式", "File format"),
  size: w("大小（字节）", "Size (bytes)"),
  comment: w("意见", "Comment"),
  code: w("组织代码", "Code"),
  effectiveOn: w("施行日期", "In force from"),
  supersededBy: w("被替换为", "Replaced by"),
  revisionOf: w("修订自", "Revision of"),
  recoveryCodes: w("恢复码数量", "Recovery codes"),
  questionId: w("试题", "Question"),
  materialId: w("学习资料", "Material"),
  meetingId: w("会议", "Meeting"),
  fileId: w("文件", "File"),
  attendeeIds: w("出席人", "Attendees"),
  number: w("编号", "Number"),
  version: w("版本", "Version"),
  path: w("组织路径", "Org path"),
};

const VALUES: Record<string, Words> = {
  draft: w("草稿", "draft"),
  published: w("已发布", "published"),
  withdrawn: w("已撤回", "withdrawn"),
  closed: w("已结束", "closed"),
  approved: w("已审核", "approved"),
  retired: w("已下线", "retired"),
  flagged: w("待复核", "flagged"),
  submitted: w("已提交", "submitted"),
  returned: w("已退回", "returned"),
  accepted: w("办理中", "in progress"),
  open: w("进行中", "open"),
  excellent: w("优秀", "excellent"),
  competent: w("合格", "competent"),
  basically_competent: w("基本合格", "basically competent"),
  incompetent: w("不合格", "incompetent"),
  idNumber: w("身份证号", "ID number"),
  phone: w("手机号", "phone"),
  single: w("单选题", "single choice"),
  multiple: w("多选题", "multiple choice"),
  true_false: w("判断题", "true/false"),
  fill_blank: w("填空题", "fill-in"),
  member: w("党员", "member"),
  secretary: w("党组织书记", "secretary"),
  audit_admin: w("安全审计员", "audit administrator"),
  system_admin: w("系统管理员", "system administrator"),
  security_admin: w("安全管理员", "security administrator"),
  discipline_officer: w("纪检委员", "discipline officer"),
  propaganda_officer: w("宣传委员", "propaganda officer"),
};

/** Keys holding an id the server named for us (see the row's `names`). */
const NAMED: Record<string, "member" | "user" | "org"> = {
  memberId: "member",
  fromMemberId: "member",
  toMemberId: "member",
  ownerMemberId: "member",
  userId: "user",
  handlerUserId: "user",
  orgId: "org",
  parentId: "org",
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function show(
  key: string,
  value: unknown,
  names: Record<string, string>,
  lang: Lang,
): string | null {
  if (value === null || value === undefined) return null;
  const kind = NAMED[key];
  if (kind && (typeof value === "number" || typeof value === "string")) {
    return names[`${kind}:${value}`] ?? `#${value}`;
  }
  if (typeof value === "boolean") return lang === "zh-CN" ? (value ? "是" : "否") : String(value);
  if (typeof value === "string") {
    if (ISO_TIME.test(value)) return new Date(value).toLocaleString(lang);
    return VALUES[value]?.[lang] ?? value;
  }
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => show(key, v, names, lang) ?? "—");
    return parts.length > 12
      ? `${parts.slice(0, 12).join("、")} …（${parts.length}）`
      : parts.join("、") || "—";
  }
  return JSON.stringify(value);
}

const fields = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * What a row recorded, field by field: changed fields as before → after, fields recorded on
 * one side only as they are. Unchanged fields are left out; the raw row keeps everything.
 */
export function changesOf(
  before: unknown,
  after: unknown,
  names: Record<string, string>,
  lang: Lang,
): Change[] {
  const b = fields(before);
  const a = fields(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({
      field: k,
      label: FIELDS[k]?.[lang] ?? k,
      before: k in b ? show(k, b[k], names, lang) : null,
      after: k in a ? show(k, a[k], names, lang) : null,
    }));
}
