import type { Permission } from "../shared/session";

/**
 * The one route table: every page's path, the menu label key, and the permissions that open
 * it. The menu, the breadcrumbs and the route guard all read it, so a page never shows in
 * the menu while its guard refuses it, or the other way round.
 */
export interface RouteEntry {
  /** Access key: also the i18n key of the label (`menu.<key>`) and of the page component. */
  key: PageKey;
  path: string;
  /** Any one of these opens the page (none: every signed-in user); the server still checks. */
  permissions: readonly Permission[];
  /** Shown in the left menu; sub-pages are reached from their parent page. */
  menu: boolean;
  /** The menu group it belongs to (`menu.group.<group>`). */
  group: "work" | "registry" | "admin";
  /** For breadcrumbs of sub-pages. */
  parent?: PageKey;
}

export type PageKey =
  | "workbench"
  | "inbox"
  | "orgs"
  | "members"
  | "membersImport"
  | "regulations"
  | "review"
  | "study"
  | "studyAdmin"
  | "myCases"
  | "cases"
  | "myContributions"
  | "contributionReview"
  | "commendations"
  | "implementationMap"
  | "subordinates"
  | "discipline"
  | "myDiscipline"
  | "myRegistry"
  | "registryOversee"
  | "adminUsers"
  | "adminAudit";

export const ROUTES: readonly RouteEntry[] = [
  // 工作台: what this person has to do, first, so "/" leads there for members and managers.
  {
    key: "workbench",
    path: "/workbench",
    permissions: ["self:read", "members:read"],
    menu: true,
    group: "work",
  },
  // 消息中心: reached from the bell in the header, by everyone signed in.
  { key: "inbox", path: "/inbox", permissions: [], menu: false, group: "work" },
  { key: "orgs", path: "/orgs", permissions: ["orgs:read"], menu: true, group: "work" },
  { key: "members", path: "/members", permissions: ["members:read"], menu: true, group: "work" },
  {
    key: "membersImport",
    path: "/members/import",
    permissions: ["members:write"],
    menu: false,
    group: "work",
    parent: "members",
  },
  // The regulation reader is built separately on this slot; deep links live under it.
  {
    key: "regulations",
    path: "/regulations/*",
    permissions: ["regulations:read"],
    menu: true,
    group: "work",
  },
  // Study: the member's tasks, exams and daily practice; the managers' campaigns and bank.
  { key: "study", path: "/study/*", permissions: ["study:take"], menu: true, group: "work" },
  {
    key: "studyAdmin",
    path: "/study-admin/*",
    permissions: ["study:manage"],
    menu: true,
    group: "work",
  },
  // 组织生活会, 对照检查, 整改清单, 民主评议 and oversight share one section with tabs.
  {
    key: "review",
    path: "/review/*",
    permissions: ["review:manage", "review:oversee", "review:take"],
    menu: true,
    group: "work",
  },
  // 举报 (Art 21) and 澄清正名与保护 (Art 24): members file; secretaries and 纪检 handle.
  { key: "myCases", path: "/my-cases/*", permissions: ["cases:file"], menu: true, group: "work" },
  // The member's own discipline cases: in every member's menu, with an empty page when there
  // is none, so the menu itself never shows (to whoever looks at the screen) that a case exists.
  {
    key: "myDiscipline",
    path: "/my-discipline/*",
    permissions: ["cases:file"],
    menu: true,
    group: "work",
  },
  { key: "cases", path: "/cases/*", permissions: ["cases:handle"], menu: true, group: "work" },
  // 正能量作品 (Art 5-8) and 表彰 (Art 23): members report their works; 宣传委员 and secretaries
  // review them and propose 表彰; the organization approves.
  {
    key: "myContributions",
    path: "/contributions",
    permissions: ["contributions:submit"],
    menu: true,
    group: "work",
  },
  {
    key: "contributionReview",
    path: "/contribution-review",
    permissions: ["contributions:review"],
    menu: true,
    group: "work",
  },
  {
    key: "commendations",
    path: "/commendations",
    permissions: ["contributions:review", "commendations:approve"],
    menu: true,
    group: "work",
  },
  // 落实情况: the regulation article by article, for whoever reads a subtree's members.
  {
    key: "implementationMap",
    path: "/implementation",
    permissions: ["members:read"],
    menu: true,
    group: "work",
  },
  // 下级组织对比: which subordinates are behind, with drill-down, for the same readers.
  {
    key: "subordinates",
    path: "/subordinates",
    permissions: ["members:read"],
    menu: true,
    group: "work",
  },
  // 纪律审查 (Art 28): handlers open and decide; the member answers and appeals.
  {
    key: "discipline",
    path: "/discipline/*",
    permissions: ["cases:handle"],
    menu: true,
    group: "work",
  },
  // 干部登记 (Art 18-20): a cadre's own accounts, attestations and declarations, reached also
  // from the workbench task and the inbox message (/registry/attest/:id, /registry/declare/:id).
  // Only cadres see it in the menu; a member who opens it by its address is told it is not theirs.
  {
    key: "myRegistry",
    path: "/registry/*",
    permissions: ["registry:declare"],
    menu: true,
    group: "registry",
  },
  {
    key: "registryOversee",
    path: "/registry-admin/*",
    permissions: ["registry:oversee"],
    menu: true,
    group: "registry",
  },
  {
    key: "adminUsers",
    path: "/admin/users",
    permissions: ["users:read"],
    menu: true,
    group: "admin",
  },
  {
    key: "adminAudit",
    path: "/admin/audit",
    permissions: ["audit:read"],
    menu: true,
    group: "admin",
  },
];

export function allowed(route: RouteEntry, permissions: readonly string[]): boolean {
  return route.permissions.length === 0 || route.permissions.some((p) => permissions.includes(p));
}

// Taking part in study and review, filing, submitting works and declaring need a member
// record: an account without one has nothing to take or declare, so these permissions open
// nothing for it (the server refuses those requests too).
const MEMBER_ONLY: readonly Permission[] = [
  "study:take",
  "review:take",
  "cases:file",
  "contributions:submit",
  "registry:declare",
];

/** The permissions that open pages for this account: member-only ones need a member record. */
export function usablePermissions(session: {
  permissions: readonly Permission[];
  user: { memberId: number | null };
}): Permission[] {
  return session.user.memberId === null
    ? session.permissions.filter((p) => !MEMBER_ONLY.includes(p))
    : [...session.permissions];
}

/**
 * The permissions whose pages the menu offers: those this account can use, less the register,
 * which asks something only of cadres (Art 18-20 bind 党员干部).
 */
export function menuPermissions(session: {
  permissions: readonly Permission[];
  user: { memberId: number | null; isCadre: boolean };
}): Permission[] {
  const usable = usablePermissions(session);
  return session.user.isCadre ? usable : usable.filter((p) => p !== "registry:declare");
}

/** The menu entries this user may open, in table order. */
export function menuRoutes(permissions: readonly string[]): RouteEntry[] {
  return ROUTES.filter((r) => r.menu && allowed(r, permissions));
}

/** A link target for a route path (drops the splat of `/regulations/*`). */
export function linkOf(route: RouteEntry): string {
  return route.path.replace(/\/\*$/, "");
}

/** Where "/" leads: the first page this user may open, or null when there is none. */
export function homePath(permissions: readonly string[]): string | null {
  const first = menuRoutes(permissions)[0];
  return first ? linkOf(first) : null;
}

/** The route a location belongs to: the longest path that is a prefix of it. */
export function routeOfLocation(pathname: string): RouteEntry | undefined {
  return [...ROUTES]
    .sort((a, b) => linkOf(b).length - linkOf(a).length)
    .find((r) => pathname === linkOf(r) || pathname.startsWith(`${linkOf(r)}/`));
}

/** The chain of routes from the top section down to the current page. */
export function breadcrumbTrail(pathname: string): RouteEntry[] {
  const trail: RouteEntry[] = [];
  let current = routeOfLocation(pathname);
  while (current) {
    trail.unshift(current);
    const parentKey: PageKey | undefined = current.parent;
    current = parentKey ? ROUTES.find((r) => r.key === parentKey) : undefined;
  }
  return trail;
}
