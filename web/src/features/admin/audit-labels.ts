import {
  ACTION_LABELS,
  ENTITY_LABELS,
} from "../../../../server/src/modules/audit-log/action-labels.ts";

export type Lang = "zh-CN" | "en-US";
export const langOf = (language: string | undefined): Lang =>
  language?.startsWith("en") ? "en-US" : "zh-CN";

/** The action's name; a code the map does not know yet shows as itself rather than nothing. */
export const actionLabel = (code: string, lang: Lang) => ACTION_LABELS[code]?.[lang] ?? code;

export const entityLabel = (type: string, lang: Lang) => ENTITY_LABELS[type]?.[lang] ?? type;

/** The action picker's options, grouped by what the codes start with (module). */
export function actionOptions(lang: Lang) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const [code, label] of Object.entries(ACTION_LABELS)) {
    const module = code.split(".")[0] ?? code;
    groups.set(module, [...(groups.get(module) ?? []), { value: code, label: label[lang] }]);
  }
  return [...groups].map(([module, options]) => ({
    label: MODULES[module]?.[lang] ?? module,
    title: module,
    options,
  }));
}

const MODULES: Record<string, Record<Lang, string>> = {
  access: { "zh-CN": "访问控制", "en-US": "Access" },
  audit: { "zh-CN": "审计", "en-US": "Audit" },
  auth: { "zh-CN": "登录与账号安全", "en-US": "Sign-in" },
  case: { "zh-CN": "举报与保护", "en-US": "Cases" },
  commendation: { "zh-CN": "表彰", "en-US": "Commendations" },
  contribution: { "zh-CN": "正能量作品", "en-US": "Contributions" },
  dashboards: { "zh-CN": "落实情况", "en-US": "Implementation map" },
  discipline: { "zh-CN": "纪律审查", "en-US": "Discipline cases" },
  evaluation: { "zh-CN": "民主评议", "en-US": "Peer evaluation" },
  grant: { "zh-CN": "角色授权", "en-US": "Role grants" },
  key: { "zh-CN": "密钥", "en-US": "Keys" },
  member: { "zh-CN": "党员名册", "en-US": "Members" },
  national: { "zh-CN": "全国汇总", "en-US": "National rollups" },
  notification: { "zh-CN": "消息", "en-US": "Messages" },
  org: { "zh-CN": "党组织", "en-US": "Organizations" },
  registry: { "zh-CN": "党员干部登记", "en-US": "Cadre registers" },
  regulation: { "zh-CN": "规定文本", "en-US": "Regulation" },
  review: { "zh-CN": "组织生活与整改", "en-US": "Meetings and rectification" },
  roster: { "zh-CN": "名册导入导出", "en-US": "Roster files" },
  seed: { "zh-CN": "数据初始化", "en-US": "Data loading" },
  study: { "zh-CN": "学习", "en-US": "Study" },
  user: { "zh-CN": "账号", "en-US": "Accounts" },
};
