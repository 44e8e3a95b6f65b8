import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  List,
  Radio,
  Segmented,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { LoadMore, useCursorList } from "../../shared/ui/cursor-list";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { FormModal } from "../../shared/ui/FormModal";
import { CampaignList } from "./CampaignList";
import { when } from "./format";
import {
  type DeclarationStatus,
  declarationCoverage,
  listDeclarationCampaigns,
  type OpenDeclarationInput,
  openDeclarationCampaign,
  REGISTRY_KEY,
} from "./registry.api";

const KEY = [...REGISTRY_KEY, "declarations"] as const;

/** The scope's declaration campaigns (annual or 专项), how many declared, and starting one. */
export function DeclarationCampaigns({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { current } = useOrgScope();
  const [opening, setOpening] = useState(false);
  const list = useCursorList({
    queryKey: [...KEY, current?.orgId],
    fetchPage: (after) => listDeclarationCampaigns(current?.orgId, after),
    enabled: Boolean(current),
  });
  const year = new Date().getFullYear();
  return (
    <>
      <CampaignList
        list={list}
        path="declarations"
        openLabel={t("registry.oversee.openDeclaration")}
        onOpen={canManage && current ? () => setOpening(true) : undefined}
        describe={(c) => (
          <Space wrap size={8}>
            <Tag>{t(`registry.declare.kind.${c.kind}`)}</Tag>
            <span>{t("registry.declare.period", { from: c.periodFrom, to: c.periodTo })}</span>
            <span>
              {t("registry.oversee.declaredLine", {
                declared: c.declared,
                cadres: c.cadres,
                at: c.dueOn,
              })}
            </span>
            {c.overdue ? <Tag color="red">{t("registry.oversee.overdue")}</Tag> : null}
          </Space>
        )}
      />
      <FormModal<OpenDeclarationInput>
        open={opening}
        title={t("registry.oversee.openDeclaration")}
        fields={["kind", "title", "periodFrom", "periodTo", "dueOn"]}
        initialValues={{
          kind: "annual",
          title: t("registry.oversee.annualTitle", { year: year - 1 }),
          periodFrom: `${year - 1}-01-01`,
          periodTo: `${year - 1}-12-31`,
        }}
        onClose={() => setOpening(false)}
        onSubmit={async (v) => {
          if (!current) return;
          await openDeclarationCampaign({ ...v, orgId: current.orgId });
          message.success(t("registry.oversee.started"));
          setOpening(false);
          await client.invalidateQueries({ queryKey: KEY });
        }}
      >
        {() => (
          <>
            <Form.Item
              name="kind"
              label={t("registry.oversee.kindLabel")}
              rules={[{ required: true }]}
            >
              <Radio.Group
                options={(["annual", "ad_hoc"] as const).map((k) => ({
                  value: k,
                  label: t(`registry.declare.kind.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="title"
              label={t("registry.oversee.titleLabel")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="periodFrom"
              label={t("registry.oversee.periodFrom")}
              rules={[{ required: true }]}
            >
              <Input type="date" />
            </Form.Item>
            <Form.Item
              name="periodTo"
              label={t("registry.oversee.periodTo")}
              rules={[{ required: true }]}
            >
              <Input type="date" />
            </Form.Item>
            <Form.Item
              name="dueOn"
              label={t("registry.oversee.dueOn")}
              rules={[{ required: true }]}
            >
              <Input type="date" />
            </Form.Item>
          </>
        )}
      </FormModal>
    </>
  );
}

const FILTERS = ["all", "undeclared", "declared", "with_items", "with_findings"] as const;

/** 报告情况: who declared, who did not, who listed items, and which carry findings. */
export function DeclarationCoveragePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const filter = FILTERS.find((f) => f === params.get("status")) ?? "all";
  const status: DeclarationStatus | undefined = filter === "all" ? undefined : filter;
  const head = useQuery({ queryKey: [...KEY, id, "head"], queryFn: () => declarationCoverage(id) });
  const list = useCursorList({
    queryKey: [...KEY, id, filter],
    fetchPage: (after) => declarationCoverage(id, status, after),
  });
  const c = head.data?.campaign;
  return (
    <Card
      title={c ? `${c.title}（${c.orgName}）` : t("registry.oversee.declarations")}
      extra={
        <Link to="/registry-admin?tab=declarations">
          <Button>{t("registry.oversee.back")}</Button>
        </Link>
      }
    >
      {c ? (
        <Typography.Paragraph>
          {t("registry.oversee.declaredLine", {
            declared: c.declared,
            cadres: c.cadres,
            at: c.dueOn,
          })}
          {c.overdue ? (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {t("registry.oversee.overdue")}
            </Tag>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      <div style={{ overflowX: "auto", marginBottom: 12 }}>
        <Segmented
          value={filter}
          onChange={(v) => setParams({ status: String(v) }, { replace: true })}
          options={FILTERS.map((f) => ({ value: f, label: t(`registry.oversee.filter.${f}`) }))}
        />
      </div>
      <ErrorAlert error={head.error ?? list.error} onRetry={() => list.refetch()} />
      {!list.isLoading && list.items.length === 0 ? (
        <EmptyState description={t("registry.oversee.noRows")} />
      ) : (
        <List
          loading={list.isLoading}
          dataSource={list.items}
          renderItem={(r) => (
            <List.Item
              actions={
                r.declarationId
                  ? [
                      <Link key="open" to={`/registry-admin/declaration/${r.declarationId}`}>
                        {t("registry.oversee.open")}
                      </Link>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={`${r.name}${r.position ? `（${r.position}）` : ""}`}
                description={
                  <Space direction="vertical" size={2}>
                    <Space wrap size={8}>
                      {r.declaredAt ? (
                        <Tag color="green">
                          {t("registry.oversee.declaredRow", {
                            version: r.version,
                            at: when(r.declaredAt),
                          })}
                        </Tag>
                      ) : (
                        <Tag color="orange">{t("registry.oversee.notDeclared")}</Tag>
                      )}
                      {r.declaredAt ? (
                        <>
                          <span>{t("registry.oversee.assetsCount", { count: r.assets })}</span>
                          <span>
                            {t("registry.oversee.activitiesCount", { count: r.activities })}
                          </span>
                        </>
                      ) : null}
                      {r.findings > 0 ? (
                        <Tag color="purple">
                          {t("registry.oversee.findingsCount", { count: r.findings })}
                        </Tag>
                      ) : null}
                    </Space>
                    <Typography.Text type="secondary">{r.orgTrail}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      <LoadMore list={list} />
    </Card>
  );
}
