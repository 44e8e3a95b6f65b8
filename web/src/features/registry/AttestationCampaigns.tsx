import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
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
  type AttestationStatus,
  attestationCoverage,
  listAttestationCampaigns,
  type OpenAttestationInput,
  openAttestationCampaign,
  REGISTRY_KEY,
} from "./registry.api";

const KEY = [...REGISTRY_KEY, "attestations"] as const;

/** The scope's annual attestations, how many have signed, and starting this year's. */
export function AttestationCampaigns({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { current } = useOrgScope();
  const [opening, setOpening] = useState(false);
  const list = useCursorList({
    queryKey: [...KEY, current?.orgId],
    fetchPage: (after) => listAttestationCampaigns(current?.orgId, after),
    enabled: Boolean(current),
  });
  const year = new Date().getFullYear();
  return (
    <>
      <CampaignList
        list={list}
        path="attestations"
        openLabel={t("registry.oversee.openAttestation")}
        onOpen={canManage && current ? () => setOpening(true) : undefined}
        describe={(c) => (
          <Space wrap size={8}>
            <span>
              {t("registry.oversee.signedLine", {
                signed: c.signed,
                cadres: c.cadres,
                at: c.dueOn,
              })}
            </span>
            {c.overdue ? <Tag color="red">{t("registry.oversee.overdue")}</Tag> : null}
            <Progress
              percent={c.cadres ? Math.round((c.signed / c.cadres) * 100) : 0}
              size="small"
              style={{ width: 140, margin: 0 }}
            />
          </Space>
        )}
      />
      <FormModal<OpenAttestationInput>
        open={opening}
        title={t("registry.oversee.openAttestation")}
        fields={["year", "title", "dueOn"]}
        initialValues={{ year }}
        onClose={() => setOpening(false)}
        onSubmit={async (v) => {
          if (!current) return;
          await openAttestationCampaign({
            orgId: current.orgId,
            year: v.year,
            title: v.title?.trim() ? v.title : undefined,
            dueOn: v.dueOn,
          });
          message.success(t("registry.oversee.started"));
          setOpening(false);
          await client.invalidateQueries({ queryKey: KEY });
        }}
      >
        {() => (
          <>
            <Form.Item name="year" label={t("registry.oversee.year")} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="title" label={t("registry.oversee.titleLabel")}>
              <Input maxLength={100} />
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

const FILTERS = ["all", "unsigned", "signed"] as const;

/** 确认情况: who has signed and who has not, 未确认 first since that is the list to chase. */
export function AttestationCoveragePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const filter = FILTERS.find((f) => f === params.get("status")) ?? "all";
  const status: AttestationStatus | undefined = filter === "all" ? undefined : filter;
  const head = useQuery({ queryKey: [...KEY, id, "head"], queryFn: () => attestationCoverage(id) });
  const list = useCursorList({
    queryKey: [...KEY, id, filter],
    fetchPage: (after) => attestationCoverage(id, status, after),
  });
  const c = head.data?.campaign;
  return (
    <Card
      title={c ? `${c.title}（${c.orgName}）` : t("registry.oversee.attestations")}
      extra={
        <Link to="/registry-admin?tab=attestations">
          <Button>{t("registry.oversee.back")}</Button>
        </Link>
      }
    >
      {c ? (
        <Typography.Paragraph>
          {t("registry.oversee.signedLine", { signed: c.signed, cadres: c.cadres, at: c.dueOn })}
          {c.overdue ? (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {t("registry.oversee.overdue")}
            </Tag>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      <Segmented
        value={filter}
        onChange={(v) => setParams({ status: String(v) }, { replace: true })}
        options={FILTERS.map((f) => ({ value: f, label: t(`registry.oversee.filter.${f}`) }))}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={head.error ?? list.error} onRetry={() => list.refetch()} />
      {!list.isLoading && list.items.length === 0 ? (
        <EmptyState description={t("registry.oversee.noRows")} />
      ) : (
        <List
          loading={list.isLoading}
          dataSource={list.items}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={`${r.name}${r.position ? `（${r.position}）` : ""}`}
                description={
                  <Space direction="vertical" size={2}>
                    <Space wrap size={8}>
                      {r.signedAt ? (
                        <Tag color="green">{`${t("registry.oversee.filter.signed")} ${when(r.signedAt)}`}</Tag>
                      ) : (
                        <Tag color="orange">{t("registry.oversee.notSigned")}</Tag>
                      )}
                      <span>{t("registry.oversee.accounts", { count: r.accounts })}</span>
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
