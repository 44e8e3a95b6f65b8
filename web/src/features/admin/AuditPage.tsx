import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Grid,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { OrgSearch } from "../orgs/OrgSearch";
import { AuditEventDetail } from "./AuditEventDetail";
import { type AuditEvent, listAuditEvents, verifyAudit } from "./admin.api";
import { actionLabel, actionOptions, entityLabel, langOf } from "./audit-labels";

interface Filters {
  q?: string;
  actions?: string[];
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

/**
 * The audit log for the audit administrator, read-only: actions, people and orgs by name,
 * changes field by field, the chain's verdict on top and each stored row one click away.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [filters, setFilters] = useState<Filters>({});
  const [draft, setDraft] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = {
    ...page,
    q: filters.q?.trim() || undefined,
    actions: filters.actions?.length ? filters.actions.join(",") : undefined,
    orgId: filters.orgId,
    from: filters.range?.[0].startOf("day").toISOString(),
    to: filters.range?.[1].endOf("day").toISOString(),
  };
  const list = useQuery({
    queryKey: ["audit", query],
    queryFn: () => listAuditEvents(query),
    placeholderData: keepPreviousData,
  });
  // On a phone one column carries the row: when, what, who and where, so nothing scrolls away.
  const narrow = !Grid.useBreakpoint().md;
  const who = (e: AuditEvent) =>
    e.actorName ? (
      <Tooltip title={e.actorLabel}>
        <span data-testid="audit-actor">{e.actorName}</span>
      </Tooltip>
    ) : (
      t(`audit.actors.${e.actorLabel}`, { defaultValue: e.actorLabel })
    );
  const what = (v: string) => (
    <Tooltip title={v}>
      <Tag data-testid="audit-action">{actionLabel(v, lang)}</Tag>
    </Tooltip>
  );
  const subject = (e: AuditEvent) => {
    const kind = entityLabel(e.entityType, lang);
    if (e.entityName) return `${kind}：${e.entityName}`;
    return e.entityId ? `${kind} #${e.entityId}` : kind;
  };
  const where = (e: AuditEvent) =>
    e.orgName ? (
      <Tooltip title={e.orgTrail.join(" / ")}>
        <span data-testid="audit-org">{e.orgName}</span>
      </Tooltip>
    ) : (
      <Typography.Text type="secondary">{t("audit.noOrg")}</Typography.Text>
    );
  const when = (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm:ss");
  const search = (next: Filters) => {
    setFilters(next);
    setPage({ ...page, page: 1 });
  };

  return (
    <Card title={t("menu.adminAudit")}>
      <ChainStatus />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={t("audit.keyword")}
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          onSearch={(q) => search({ ...draft, q })}
          style={{ width: 220 }}
          maxLength={50}
          allowClear
          data-testid="audit-keyword"
        />
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("audit.action")}
          value={draft.actions}
          onChange={(actions) => setDraft({ ...draft, actions })}
          options={actionOptions(lang)}
          maxTagCount="responsive"
          style={{ width: 200 }}
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
        <Button type="primary" onClick={() => search(draft)}>
          {t("common.search")}
        </Button>
        <Button
          onClick={() => {
            setDraft({});
            search({});
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
        scroll={narrow ? undefined : { x: "max-content" }}
        locale={{ emptyText: list.isPending ? " " : <EmptyState description={t("audit.empty")} /> }}
        expandable={{ expandedRowRender: (e) => <AuditEventDetail event={e} /> }}
        columns={
          narrow
            ? [
                {
                  key: "row",
                  render: (_, e) => (
                    <div>
                      <div>{what(e.action)}</div>
                      <div style={{ marginTop: 4 }}>
                        {who(e)}
                        {" · "}
                        {subject(e)}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {when(e.occurredAt)}
                        {" · "}
                        {where(e)}
                      </Typography.Text>
                    </div>
                  ),
                },
              ]
            : [
                {
                  title: t("audit.time"),
                  dataIndex: "occurredAt",
                  width: 150,
                  render: when,
                },
                { title: t("audit.actor"), key: "actor", width: 140, render: (_, e) => who(e) },
                { title: t("audit.action"), dataIndex: "action", render: what },
                { title: t("audit.entity"), key: "entity", render: (_, e) => subject(e) },
                { title: t("audit.orgCol"), key: "org", render: (_, e) => where(e) },
                {
                  title: t("audit.sealed"),
                  dataIndex: "sealed",
                  width: 72,
                  responsive: ["lg"],
                  render: (v: boolean) => (v ? t("common.yes") : t("common.no")),
                },
              ]
        }
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
