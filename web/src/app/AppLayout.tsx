import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  BulbOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  FundOutlined,
  IdcardOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import {
  Alert,
  Breadcrumb,
  Button,
  Drawer,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Select,
  theme,
} from "antd";
import { type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { AccountSlipsHost } from "../features/accounts/slips-host";
import { InboxBell } from "../features/inbox/InboxBell";
import type { Session } from "../shared/session";
import { PageSkeleton } from "../shared/ui/PageSkeleton";
import { IdleWarning } from "./IdleWarning";
import { useOrgScope } from "./org-scope";
import {
  breadcrumbTrail,
  linkOf,
  menuPermissions,
  menuRoutes,
  type PageKey,
  routeOfLocation,
} from "./route-table";
import { UserMenu } from "./UserMenu";

const ICONS: Record<PageKey, ReactNode> = {
  workbench: <DashboardOutlined />,
  inbox: <BellOutlined />,
  orgs: <ApartmentOutlined />,
  members: <TeamOutlined />,
  membersImport: <TeamOutlined />,
  regulations: <BookOutlined />,
  review: <CheckSquareOutlined />,
  study: <ReadOutlined />,
  studyAdmin: <FormOutlined />,
  myCases: <NotificationOutlined />,
  cases: <FileSearchOutlined />,
  myContributions: <BulbOutlined />,
  contributionReview: <AlertOutlined />,
  commendations: <TrophyOutlined />,
  implementationMap: <FundOutlined />,
  subordinates: <ApartmentOutlined />,
  discipline: <SafetyCertificateOutlined />,
  myDiscipline: <FileTextOutlined />,
  myRegistry: <IdcardOutlined />,
  registryOversee: <ProfileOutlined />,
  adminUsers: <UserSwitchOutlined />,
  adminAudit: <AuditOutlined />,
};

function SideMenu({ session, onNavigate }: { session: Session; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const routes = menuRoutes(menuPermissions(session));
  const groups = (["work", "registry", "admin"] as const)
    .map((group) => ({
      type: "group" as const,
      key: group,
      label: t(`menu.group.${group}`),
      children: routes
        .filter((r) => r.group === group)
        .map((r) => ({ key: linkOf(r), icon: ICONS[r.key], label: t(`menu.${r.key}`) })),
    }))
    .filter((g) => g.children.length > 0);
  const active = routeOfLocation(location.pathname);
  const topKey = active?.parent ? routes.find((r) => r.key === active.parent) : active;
  const onClick: MenuProps["onClick"] = ({ key }) => {
    navigate(key);
    onNavigate?.();
  };
  return (
    <Menu
      mode="inline"
      items={groups}
      selectedKeys={topKey ? [linkOf(topKey)] : []}
      onClick={onClick}
      style={{ borderInlineEnd: 0 }}
    />
  );
}

function ScopeSwitcher({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { options, current, select } = useOrgScope();
  if (options.length < 2) return null;
  return (
    <Select
      aria-label={t("layout.scope")}
      value={current?.orgId}
      onChange={select}
      options={options.map((o) => ({ value: o.orgId, label: o.orgName }))}
      style={{ width: compact ? 140 : 220 }}
      prefix={compact ? undefined : t("layout.scopePrefix")}
      popupMatchSelectWidth={false}
    />
  );
}

export function AppLayout({ session }: { session: Session }) {
  const { t } = useTranslation();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Until the breakpoint is measured, assume a phone: the drawer is the safer first paint.
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();
  const trail = breadcrumbTrail(location.pathname);

  const brand = (
    <Link to="/" style={{ color: "inherit", fontWeight: 600, fontSize: 18, whiteSpace: "nowrap" }}>
      {t("app.name")}
    </Link>
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {!phone && (
        <Layout.Sider
          width={220}
          theme="light"
          style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
        >
          <div style={{ padding: "16px 24px", color: token.colorPrimary }}>{brand}</div>
          <SideMenu session={session} />
        </Layout.Sider>
      )}
      <Drawer
        open={phone && drawerOpen}
        placement="left"
        size={260}
        title={brand}
        onClose={() => setDrawerOpen(false)}
        styles={{ body: { padding: 0 } }}
      >
        <SideMenu session={session} onNavigate={() => setDrawerOpen(false)} />
      </Drawer>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: phone ? "0 8px" : "0 24px",
            display: "flex",
            alignItems: "center",
            gap: 8,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t("layout.openMenu")}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          {phone && <span style={{ color: token.colorPrimary }}>{brand}</span>}
          <div style={{ flex: 1 }} />
          <ScopeSwitcher compact={phone} />
          <InboxBell />
          <UserMenu session={session} compact={phone} icon={<UserOutlined />} />
        </Layout.Header>
        {session.demo && (
          <Alert banner type="warning" data-testid="demo-banner" title={t("demo.banner")} />
        )}
        <Layout.Content style={{ padding: phone ? 8 : 24 }}>
          {trail.length > 0 && (
            <Breadcrumb
              style={{ marginBottom: 12 }}
              items={[
                { title: <Link to="/">{t("layout.home")}</Link> },
                ...trail.map((r, i) => ({
                  title:
                    i < trail.length - 1 ? (
                      <Link to={linkOf(r)}>{t(`menu.${r.key}`)}</Link>
                    ) : (
                      t(`menu.${r.key}`)
                    ),
                })),
              ]}
            />
          )}
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <IdleWarning timeoutSeconds={session.idleTimeoutSeconds} />
      <AccountSlipsHost />
    </Layout>
  );
}
