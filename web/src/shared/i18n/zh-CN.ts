import { zhCN as accountsZhCN } from "../../features/accounts/locale";
import { zhCN as adminZhCN } from "../../features/admin/locale";
import { zhCN as authZhCN } from "../../features/auth/locale";
import { zhCN as disciplineLang } from "../../features/cases/discipline/locale";
import { zhCN as casesLang } from "../../features/cases/locale";
import { zhCN as contributionsLang } from "../../features/contributions/locale";
import { zhCN as dashboardsZhCN } from "../../features/dashboards/locale";
import { zhCN as inboxZhCN } from "../../features/inbox/locale";
import { zhCN as membersZhCN } from "../../features/members/locale";
import { zhCN as orgsZhCN } from "../../features/orgs/locale";
import { zhCN as registryZhCN } from "../../features/registry/locale";
import { zhCN as readerZhCN } from "../../features/regulations/locale";
import { zhCN as reviewZhCN } from "../../features/review/locale";
import { zhCN as studyZhCN } from "../../features/study/locale";
import { zhCN as workbenchZhCN } from "../../features/workbench/locale";

/** zh-CN, the default language; en-US must carry exactly the same keys (see i18n.test.ts). */
export const zhCN = {
  app: {
    name: "网规",
    tagline: "《中国共产党党员网络行为规定》落实平台",
  },
  common: {
    empty: "暂无数据",
    retry: "重试",
    networkError: "网络连接异常，请检查网络后重试",
    crashTitle: "页面出错了",
    crashHint: "请刷新页面重试；如仍出错，请联系系统管理员，并告知出错的时间和页面。",
    reload: "刷新页面",
    forbiddenTitle: "无权访问",
    forbidden: "您的角色没有打开此页面的权限，如需使用请联系本单位安全管理员。",
    confirm: "确定",
    cancel: "取消",
    save: "保存",
    edit: "修改",
    search: "查询",
    reset: "重置",
    yes: "是",
    no: "否",
    loadMore: "已显示 {{count}} 条，加载更多",
  },
  menu: {
    group: { work: "党务工作", registry: "干部登记", admin: "系统管理" },
    myRegistry: "我的网络账号",
    registryOversee: "干部登记管理",
    myCases: "举报与保护申请",
    cases: "案件办理",
    myContributions: "我的作品",
    contributionReview: "作品审核",
    commendations: "表彰",
    implementationMap: "落实情况",
    subordinates: "下级对比",
    discipline: "纪律审查",
    myDiscipline: "我的纪律审查",
    workbench: "工作台",
    inbox: "消息中心",
    orgs: "党组织",
    members: "党员名册",
    membersImport: "导入名册",
    regulations: "规定学习",
    review: "对照检查与评议",
    study: "学习任务",
    studyAdmin: "专题学习管理",
    adminUsers: "用户与授权",
    adminAudit: "审计日志",
  },
  layout: {
    home: "首页",
    scope: "当前管理范围",
    scopePrefix: "范围",
    openMenu: "打开菜单",
    userMenu: "用户菜单",
    language: "语言 / Language",
    signOut: "退出登录",
  },
  demo: {
    banner:
      "演示账号：本系统中的青山市委及其党员均为虚构的演示数据，仅供体验。正式使用前，运维人员须运行 npx wanggui seed demo --remove 停用全部演示账号。",
  },
  idle: {
    title: "即将自动退出",
    body: "您已较长时间未操作，为保护党员信息安全，系统将在 {{seconds}} 秒后自动退出登录。",
    stay: "继续使用",
    signOut: "立即退出",
  },
  roles: {
    member: "党员",
    secretary: "党组织书记",
    discipline_officer: "纪检委员",
    propaganda_officer: "宣传委员",
    system_admin: "系统管理员",
    security_admin: "安全管理员",
    audit_admin: "安全审计员",
  },
  ...membersZhCN,
  ...adminZhCN,
  ...orgsZhCN,
  ...authZhCN,
  ...readerZhCN,
  ...accountsZhCN,
  ...inboxZhCN,
  ...dashboardsZhCN,
  ...workbenchZhCN,
  ...casesLang,
  ...disciplineLang,
  ...contributionsLang,
  ...reviewZhCN,
  ...studyZhCN,
  ...registryZhCN,
};
