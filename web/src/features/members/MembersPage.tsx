import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Card, Grid, Input, Select, Space, Table, type TableProps, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { useSession } from "../../shared/session";
import { DownloadButton } from "../../shared/ui/DownloadButton";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { OpenAccountsButton } from "../accounts/OpenAccountsButton";
import { OrgSearch } from "../orgs/OrgSearch";
import { filtersFromParams, filtersToParams, type MemberFilters, toApiQuery } from "./filters";
import { MemberDrawer } from "./MemberDrawer";
import { MemberFormDrawer } from "./MemberFormDrawer";
import { exportUrl, listMembers, type Member } from "./members.api";

const ACCOUNT_COLORS: Record<Member["account"], string> = {
  none: "default",
  pending: "gold",
  active: "green",
  disabled: "red",
};

export function MembersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const { current } = useOrgScope();
  const screens = Grid.useBreakpoint();
  const { data: session } = useSession();
  const canWrite = session?.permissions.includes("members:write") ?? false;
  const canOpenAccounts = session?.permissions.includes("members:accounts") ?? false;
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [nameText, setNameText] = useState(filters.name ?? "");

  const query = toApiQuery(filters, current?.orgId);
  const list = useQuery({
    queryKey: ["members", query],
    queryFn: () => listMembers(query),
    placeholderData: keepPreviousData,
  });

  const update = (change: Partial<MemberFilters>) =>
    setParams(filtersToParams({ ...filters, page: 1, ...change }));

  const baseColumns: NonNullable<TableProps<Member>["columns"]> = [
    {
      title: t("members.field.name"),
      dataIndex: "name",
      key: "name",
      sorter: true,
      fixed: "left",
      width: 96,
    },
    {
      title: t("members.field.gender"),
      dataIndex: "gender",
      width: 64,
      responsive: ["md"],
      render: (g: Member["gender"]) => t(`members.gender.${g}`),
    },
    {
      title: t("members.field.status"),
      dataIndex: "status",
      width: 96,
      render: (s: Member["status"]) => (
        <Tag color={s === "full" ? "red" : "orange"}>{t(`members.status.${s}`)}</Tag>
      ),
    },
    {
      title: t("accounts.column"),
      dataIndex: "account",
      width: 112,
      render: (a: Member["account"]) => (
        <Tag color={ACCOUNT_COLORS[a]} data-testid="account-state">
          {t(`accounts.state.${a}`)}
        </Tag>
      ),
    },
    {
      title: t("members.field.cadre"),
      key: "cadre",
      width: 120,
      responsive: ["sm"],
      render: (_, m) =>
        m.isCadre ? <Tag color="blue">{m.position ?? t("members.cadre")}</Tag> : null,
    },
    { title: t("members.field.org"), key: "org", ellipsis: true, render: (_, m) => m.org.name },
    {
      title: t("members.field.joinedOn"),
      dataIndex: "joinedOn",
      key: "joinedOn",
      sorter: true,
      width: 112,
      responsive: ["md"],
    },
    {
      title: t("members.field.birthDate"),
      key: "birthDate",
      render: (_, m) => m.birthDate ?? t("members.birthYearOnly", { year: m.birthYear }),
      sorter: true,
      width: 112,
      responsive: ["lg"],
    },
    {
      title: t("members.field.idNumber"),
      dataIndex: "idNumberMasked",
      width: 180,
      responsive: ["xl"],
    },
    { title: t("members.field.phone"), dataIndex: "phoneMasked", width: 120, responsive: ["xl"] },
  ];
  const columns = baseColumns.map((c) =>
    c.key === filters.sort
      ? { ...c, sortOrder: filters.order === "asc" ? ("ascend" as const) : ("descend" as const) }
      : c,
  );

  // 一键开通 works on the org the list is narrowed to, else on the scope chosen in the header.
  const accountsOrg = filters.orgId
    ? { id: filters.orgId, name: filters.orgName ?? "" }
    : current
      ? { id: current.orgId, name: current.orgName }
      : null;
  const actions = (
    <Space wrap size={8}>
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("members.create")}
        </Button>
      )}
      {canWrite && (
        <Link to="/members/import">
          <Button icon={<UploadOutlined />}>{t("members.import")}</Button>
        </Link>
      )}
      {canOpenAccounts && accountsOrg && (
        <OpenAccountsButton
          target={{ orgId: accountsOrg.id }}
          label={t("accounts.openAll")}
          confirmText={t("accounts.openAllConfirm", { org: accountsOrg.name })}
        />
      )}
      <DownloadButton href={exportUrl(query)} testId="export-members">
        {t("members.export")}
      </DownloadButton>
    </Space>
  );

  return (
    <Card title={t("menu.members")} extra={screens.sm ? actions : undefined}>
      {/* A phone has no room beside the title: the actions go on their own row. */}
      {!screens.sm && <div style={{ marginBottom: 12 }}>{actions}</div>}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={t("members.filter.name")}
          value={nameText}
          onChange={(e) => setNameText(e.target.value)}
          onSearch={(v) => update({ name: v.trim() || undefined })}
          allowClear
          style={{ width: 180 }}
        />
        <Select
          aria-label={t("members.field.status")}
          value={filters.status ?? "all"}
          onChange={(v: "all" | "full" | "probationary") =>
            update({ status: v === "all" ? undefined : v })
          }
          style={{ width: 130 }}
          options={[
            { value: "all", label: t("members.filter.allStatus") },
            { value: "full", label: t("members.status.full") },
            { value: "probationary", label: t("members.status.probationary") },
          ]}
        />
        <Select
          aria-label={t("members.field.cadre")}
          value={filters.isCadre === undefined ? "all" : String(filters.isCadre)}
          onChange={(v) => update({ isCadre: v === "all" ? undefined : v === "true" })}
          style={{ width: 130 }}
          options={[
            { value: "all", label: t("members.filter.allCadre") },
            { value: "true", label: t("members.filter.cadreOnly") },
            { value: "false", label: t("members.filter.nonCadre") },
          ]}
        />
        <div style={{ width: 240 }}>
          <OrgSearch
            placeholder={filters.orgName ?? t("members.filter.org")}
            onPick={(o) => update({ orgId: o.id, orgName: o.name })}
          />
        </div>
        {filters.orgId && (
          <Tag closable onClose={() => update({ orgId: undefined, orgName: undefined })}>
            {t("members.filter.orgTag", { name: filters.orgName ?? filters.orgId })}
          </Tag>
        )}
      </Space>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table<Member>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items}
        scroll={{ x: "max-content" }}
        locale={{
          emptyText: list.isPending ? " " : <EmptyState description={t("members.empty")} />,
        }}
        onRow={(m) => ({ onClick: () => setOpenId(m.id), style: { cursor: "pointer" } })}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t("members.total", { count: total }),
          size: "small",
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = s?.order ? (String(s.columnKey) as MemberFilters["sort"]) : "name";
          setParams(
            filtersToParams({
              ...filters,
              page: pagination.current ?? 1,
              pageSize: pagination.pageSize ?? 20,
              sort: key,
              order: s?.order === "descend" ? "desc" : "asc",
            }),
          );
        }}
      />
      <MemberDrawer memberId={openId} onClose={() => setOpenId(null)} />
      <MemberFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        defaultOrg={filters.orgId ? { id: filters.orgId, name: filters.orgName ?? "" } : null}
      />
    </Card>
  );
}
