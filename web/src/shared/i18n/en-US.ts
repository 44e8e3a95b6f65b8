import { enUS as accountsEnUS } from "../../features/accounts/locale";
import { enUS as adminEnUS } from "../../features/admin/locale";
import { enUS as authEnUS } from "../../features/auth/locale";
import { enUS as disciplineLang } from "../../features/cases/discipline/locale";
import { enUS as casesLang } from "../../features/cases/locale";
import { enUS as contributionsLang } from "../../features/contributions/locale";
import { enUS as dashboardsEnUS } from "../../features/dashboards/locale";
import { enUS as inboxEnUS } from "../../features/inbox/locale";
import { enUS as membersEnUS } from "../../features/members/locale";
import { enUS as orgsEnUS } from "../../features/orgs/locale";
import { enUS as registryEnUS } from "../../features/registry/locale";
import { enUS as readerEnUS } from "../../features/regulations/locale";
import { enUS as reviewEnUS } from "../../features/review/locale";
import { enUS as studyEnUS } from "../../features/study/locale";
import { enUS as workbenchEnUS } from "../../features/workbench/locale";
import type { zhCN } from "./zh-CN";

/** Same shape as zh-CN, every leaf a string: a missing key fails the type check and the test. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const enUS: Shape<typeof zhCN> = {
  app: {
    name: "Wanggui",
    tagline: "Putting the Party members' online conduct regulation into practice",
  },
  common: {
    empty: "No data",
    retry: "Retry",
    networkError: "Network error; check your connection and try again",
    crashTitle: "This page failed",
    crashHint:
      "Reload the page; if it fails again, tell the system administrator when and where it happened.",
    reload: "Reload",
    forbiddenTitle: "No access",
    forbidden: "Your roles do not open this page. Ask your security administrator if you need it.",
    confirm: "OK",
    cancel: "Cancel",
    save: "Save",
    edit: "Edit",
    search: "Search",
    reset: "Reset",
    yes: "Yes",
    no: "No",
    loadMore: "{{count}} shown; load more",
  },
  menu: {
    group: { work: "Party work", registry: "Cadre registers", admin: "Administration" },
    myRegistry: "My public accounts",
    registryOversee: "Registers and declarations",
    myCases: "Reports and protection",
    cases: "Cases",
    myContributions: "My contributions",
    contributionReview: "Review contributions",
    commendations: "Commendations",
    implementationMap: "Implementation",
    subordinates: "Subordinates",
    discipline: "Discipline",
    myDiscipline: "My discipline case",
    workbench: "Workbench",
    inbox: "Messages",
    orgs: "Organizations",
    members: "Member roster",
    membersImport: "Import roster",
    regulations: "Regulations",
    review: "Self-review & evaluation",
    study: "My study",
    studyAdmin: "Study campaigns",
    adminUsers: "Users and roles",
    adminAudit: "Audit log",
  },
  layout: {
    home: "Home",
    scope: "Current scope",
    scopePrefix: "Scope",
    openMenu: "Open menu",
    userMenu: "User menu",
    language: "Language / 语言",
    signOut: "Sign out",
  },
  demo: {
    banner:
      "Demo account: the 青山市委 organization and its members are invented demo data, for trying the system out. Before real use, the operator runs npx wanggui seed demo --remove to disable every demo account.",
  },
  idle: {
    title: "Signing out soon",
    body: "You have been inactive for a while. To protect members' data you will be signed out in {{seconds}} seconds.",
    stay: "Stay signed in",
    signOut: "Sign out now",
  },
  roles: {
    member: "Member",
    secretary: "Secretary",
    discipline_officer: "Discipline officer",
    propaganda_officer: "Propaganda officer",
    system_admin: "System administrator",
    security_admin: "Security administrator",
    audit_admin: "Audit administrator",
  },
  ...membersEnUS,
  ...adminEnUS,
  ...orgsEnUS,
  ...authEnUS,
  ...readerEnUS,
  ...accountsEnUS,
  ...inboxEnUS,
  ...dashboardsEnUS,
  ...workbenchEnUS,
  ...casesLang,
  ...disciplineLang,
  ...contributionsLang,
  ...reviewEnUS,
  ...studyEnUS,
  ...registryEnUS,
};
