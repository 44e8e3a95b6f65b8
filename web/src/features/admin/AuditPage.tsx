import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, Input, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { OrgSearch } from "../orgs/OrgSearch";
import { type AuditEvent, listAuditEvents, verifyAudit } from "./admin.api";

interface Filters {
  action?: string;
  actor?: string;
  orgId?: number;
  range?: [Dayjs, Dayjs] | null;
}

function ChainStatus() {
  const { t } = useTranslation();
  const verify = useQuery({ queryKey: ["audit-verify"], queryFn: verifyAudit });
  if (verify.error)
    return <ErrorAlert error={verify.error} onRetry={() => void verify.refetch()} />;
  const v = verify.data;
  return (
    <Alert
      data-testid="chain-status"
      showIcon
      type={!v ? "info" : v.ok ? "success" : "error"}
      style={{ marginBottom: 16 }}
      title={
        !v
          ? t("audit.verifying")
          : v.ok
            ? t("audit.chainOk", { rows: v.rows })
            : t("audit.chainBroken", {
                seq: v.brokenAt?.chainSeq ?? "?",
                id: v.brokenAt?.id ?? "?",
              })
      }
      description={
        v && (
          <>
            {!v.ok && v.reason && <div>{v.reason}</div>}
            {v.unsealed ? <div>{t("audit.unsealed", { count: v.unsealed })}</div> : null}
            <Typography.Text type="secondary">
              {t("audit.checkedAt", { at: new Date(v.checkedAt).toLocaleString() })}
            </Typography.Text>
          </>
        )
      }
      action={
        <Button size="small" loading={verify.isFetching} onClick={() => void verify.refetch()}>
          {t("audit.verifyAgain")}
        </Button>
      }
    />
  );
}

const json = (value: unknown) =>
  value === null || value === undefined ? "—" : JSON.stringify(value, null, 2);

/** The audit log for the audit administrator: read-only, filtered, with the chain's verdict on top. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [draft, setDraft] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = {
    ...page,
    action: filters.action || undefined,
    actor: filters.actor || undefined,
    orgId: filters.orgId,
    from: filters.range?.[0].startOf("day").toISOString(),
    to: filters.range?.[1].endOf("day").toISOString(),
  };
  const list = useQuery({
    queryKey: ["audit", query],
    queryFn: () => listAuditEvents(query),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title={t("menu.adminAudit")}>
      <ChainStatus />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          placeholder={t("audit.action")}
          value={draft.action}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          style={{ width: 160 }}
          allowClear
        />
        <Input
          placeholder={t("audit.actor")}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          style={{ width: 140 }}
          allowClear
        />
        <DatePicker.RangePicker
          value={draft.range ?? null}
          onChange={(v) => setDraft({ ...draft, range: v as [Dayjs, Dayjs] | null })}
        />
        <div style={{ width: 220 }}>
          <OrgSearch
            placeholder={t("audit.org")}
            onPick={(o) => setDraft({ ...draft, orgId: o.id })}
          />
        </div>
        <Button
          type="primary"
          onClick={() => {
            setFilters(draft);
            setPage({ ...page, page: 1 });
          }}
        >
          {t("common.search")}
        </Button>
        <Button
          onClick={() => {
            setDraft({});
            setFilters({});
          }}
        >
          {t("common.reset")}
        </Button>
      </Space>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: list.isPending ? " " : <EmptyState description={t("audit.empty")} /> }}
        expandable={{
          expandedRowRender: (e) => (
            <Space align="start" wrap>
              <div>
                <Typography.Text strong>{t("audit.before")}</Typography.Text>
                <pre style={{ margin: 0, maxWidth: 520, overflow: "auto" }}>{json(e.before)}</pre>
              </div>
              <div>
                <Typography.Text strong>{t("audit.after")}</Typography.Text>
                <pre style={{ margin: 0, maxWidth: 520, overflow: "auto" }}>{json(e.after)}</pre>
              </div>
            </Space>
          ),
        }}
        columns={[
          {
            title: t("audit.time"),
            dataIndex: "occurredAt",
            width: 180,
            render: (v: string) => new Date(v).toLocaleString(),
          },
          { title: t("audit.actor"), dataIndex: "actorLabel", width: 140 },
          {
            title: t("audit.action"),
            dataIndex: "action",
            width: 160,
            render: (v: string) => <Tag>{v}</Tag>,
          },
          {
            title: t("audit.entity"),
            key: "entity",
            render: (_, e) => `${e.entityType}${e.entityId ? ` #${e.entityId}` : ""}`,
          },
          { title: t("audit.orgPath"), dataIndex: "orgPath", responsive: ["md"] },
          {
            title: t("audit.sealed"),
            dataIndex: "sealed",
            width: 80,
            responsive: ["lg"],
            render: (s: boolean) => (s ? t("common.yes") : t("common.no")),
          },
        ]}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          size: "small",
          showTotal: (total) => t("audit.total", { count: total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </Card>
  );
}
