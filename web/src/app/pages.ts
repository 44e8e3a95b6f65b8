import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import type { PageKey } from "./route-table";

/** One lazily loaded chunk per feature, so the sign-in page carries none of them. */
export const PAGES: Record<PageKey, LazyExoticComponent<ComponentType>> = {
  workbench: lazy(() =>
    import("../features/workbench/WorkbenchPage").then((m) => ({ default: m.WorkbenchPage })),
  ),
  inbox: lazy(() => import("../features/inbox/InboxPage").then((m) => ({ default: m.InboxPage }))),
  orgs: lazy(() => import("../features/orgs/OrgsPage").then((m) => ({ default: m.OrgsPage }))),
  members: lazy(() =>
    import("../features/members/MembersPage").then((m) => ({ default: m.MembersPage })),
  ),
  membersImport: lazy(() =>
    import("../features/members/ImportRosterPage").then((m) => ({ default: m.ImportRosterPage })),
  ),
  regulations: lazy(() =>
    import("../features/regulations/RegulationsPage").then((m) => ({ default: m.RegulationsPage })),
  ),
  study: lazy(() => import("../features/study/StudyPage").then((m) => ({ default: m.StudyPage }))),
  studyAdmin: lazy(() =>
    import("../features/study/StudyAdminPage").then((m) => ({ default: m.StudyAdminPage })),
  ),
  review: lazy(() =>
    import("../features/review/ReviewPage").then((m) => ({ default: m.ReviewPage })),
  ),
  myCases: lazy(() =>
    import("../features/cases/MyCasesPage").then((m) => ({ default: m.MyCasesPage })),
  ),
  cases: lazy(() =>
    import("../features/cases/HandleCasesPage").then((m) => ({ default: m.HandleCasesPage })),
  ),
  myContributions: lazy(() =>
    import("../features/contributions/MyContributionsPage").then((m) => ({
      default: m.MyContributionsPage,
    })),
  ),
  contributionReview: lazy(() =>
    import("../features/contributions/ReviewPage").then((m) => ({ default: m.ReviewPage })),
  ),
  commendations: lazy(() =>
    import("../features/contributions/CommendationsPage").then((m) => ({
      default: m.CommendationsPage,
    })),
  ),
  implementationMap: lazy(() =>
    import("../features/dashboards/ImplementationMapPage").then((m) => ({
      default: m.ImplementationMapPage,
    })),
  ),
  subordinates: lazy(() =>
    import("../features/dashboards/SubordinatesPage").then((m) => ({
      default: m.SubordinatesPage,
    })),
  ),
  discipline: lazy(() =>
    import("../features/cases/discipline/DisciplinePage").then((m) => ({
      default: m.DisciplinePage,
    })),
  ),
  myDiscipline: lazy(() =>
    import("../features/cases/discipline/MyDisciplinePage").then((m) => ({
      default: m.MyDisciplinePage,
    })),
  ),
  myRegistry: lazy(() =>
    import("../features/registry/MyRegistryPage").then((m) => ({ default: m.MyRegistryPage })),
  ),
  registryOversee: lazy(() =>
    import("../features/registry/OverseePage").then((m) => ({ default: m.OverseePage })),
  ),
  adminUsers: lazy(() =>
    import("../features/admin/UsersPage").then((m) => ({ default: m.UsersPage })),
  ),
  adminAudit: lazy(() =>
    import("../features/admin/AuditPage").then((m) => ({ default: m.AuditPage })),
  ),
};

export const AppLayout = lazy(() => import("./AppLayout").then((m) => ({ default: m.AppLayout })));
export const SignInPage = lazy(() =>
  import("../features/auth/SignInPage").then((m) => ({ default: m.SignInPage })),
);
export const ConsentPage = lazy(() =>
  import("../features/auth/ConsentPage").then((m) => ({ default: m.ConsentPage })),
);
