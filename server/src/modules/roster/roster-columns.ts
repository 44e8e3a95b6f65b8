import type { Text } from "../../platform/i18n.ts";

/**
 * The roster columns in the order the 全国党员管理信息系统 export uses them. `field` is the
 * member field each one fills, so an error the members rules name by field is shown under
 * the column the user typed it in.
 */
export const COLUMNS = [
  { header: "姓名", field: "name", width: 10 },
  { header: "性别", field: "gender", width: 6 },
  { header: "民族", field: "ethnicity", width: 8 },
  { header: "出生日期", field: "birthDate", width: 12 },
  { header: "身份证号", field: "idNumber", width: 22 },
  { header: "手机号", field: "phone", width: 14 },
  { header: "所在党组织", field: "orgId", width: 24 },
  { header: "人员类别", field: "status", width: 10 },
  { header: "入党日期", field: "joinedOn", width: 12 },
  { header: "转正日期", field: "confirmedOn", width: 12 },
  { header: "是否干部", field: "isCadre", width: 8 },
  { header: "职务", field: "position", width: 16 },
] as const;

export type ColumnHeader = (typeof COLUMNS)[number]["header"];

/** The column a member field belongs to; `legacy` (no 转正日期 known) is about 转正日期. */
export function columnOfField(field: string): ColumnHeader | null {
  const name = field.replace(/^body\./, "");
  if (name === "legacy") return "转正日期";
  return COLUMNS.find((c) => c.field === name)?.header ?? null;
}

export const STATUS_TEXT = { full: "正式党员", probationary: "预备党员" } as const;
export const GENDER_TEXT = { male: "男", female: "女" } as const;

/**
 * Rows in one import: a large branch roster is a few hundred, a county's a few tens of
 * thousands; past this a file is split by organization. The file is read in a worker thread
 * and written in batches, so this bounds time and memory, not the server's responsiveness.
 */
export const MAX_ROWS = 100_000;

/** A 姓名 starting with this marks the template's example row, which an import skips. */
export const SAMPLE_PREFIX = "示例：";

/** The columns every row must fill; the template marks them with *. */
export const REQUIRED = [
  "姓名",
  "性别",
  "出生日期",
  "身份证号",
  "所在党组织",
  "人员类别",
  "入党日期",
] as const satisfies readonly ColumnHeader[];

export const cellText = {
  required: { "zh-CN": "必填", "en-US": "Required" },
  gender: { "zh-CN": "应填“男”或“女”", "en-US": "Must be 男 or 女" },
  status: { "zh-CN": "应填“正式党员”或“预备党员”", "en-US": "Must be 正式党员 or 预备党员" },
  cadre: { "zh-CN": "应填“是”或“否”", "en-US": "Must be 是 or 否" },
  date: { "zh-CN": "日期格式应为 1990-01-31", "en-US": "Dates are written 1990-01-31" },
  idAsNumber: {
    "zh-CN": "身份证号被存成了数字，末位已丢失，请将该列设为文本格式后重新填写",
    "en-US": "The ID number was stored as a number and lost digits; format the column as text",
  },
  orgUnknown: {
    "zh-CN": "找不到该党组织，或不在您的管理范围内",
    "en-US": "No such organization in your scope",
  },
  orgAmbiguous: {
    "zh-CN": "有多个同名党组织，请改填党组织编码",
    "en-US": "Several organizations have this name; write its code instead",
  },
} satisfies Record<string, Text>;
