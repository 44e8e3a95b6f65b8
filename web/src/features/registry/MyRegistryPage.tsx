import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Flex, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes } from "react-router";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { AccountForm, type AccountFormMode } from "./AccountForm";
import { AccountPage } from "./AccountPage";
import { AttestPage } from "./AttestPage";
import { DeclarePage } from "./DeclarePage";
import { platformName, when } from "./format";
import { isNotCadre, NotCadre } from "./NotCadre";
import { MINE_KEY, myAccounts, myAttestations, myDeclarations, REGISTRY_KEY } from "./registry.api";

/** The cadre's side, under /registry: the accounts, one account's versions, signing, declaring. */
export function MyRegistryPage() {
  return (
    <Routes>
      <Route index element={<MyAccounts />} />
      <Route path="accounts/:id" element={<AccountPage />} />
      <Route path="attest/:id" element={<AttestPage />} />
      <Route path="declare/:id" element={<DeclarePage />} />
    </Routes>
  );
}

function MyAccounts() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<AccountFormMode | null>(null);
  const query = useQuery({
    queryKey: [...MINE_KEY, "accounts"],
    queryFn: myAccounts,
    retry: false,
  });
  if (isNotCadre(query.error)) return <NotCadre />;
  const items = query.data?.items ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={t("registry.mine.title")}
        extra={
          <Button type="primary" onClick={() => setForm({ kind: "add" })}>
            {t("registry.mine.add")}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t("registry.mine.intro")}</Typography.Paragraph>
        <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
        {!query.isLoading && items.length === 0 ? (
          <EmptyState description={t("registry.mine.none")} />
        ) : (
          <List
            loading={query.isLoading}
            dataSource={items}
            renderItem={(a) => (
              <List.Item
                actions={
                  a.can.revise && a.current.status === "active"
                    ? [
                        <Button
                          key="e"
                          size="small"
                          onClick={() => setForm({ kind: "edit", account: a })}
                        >
                          {t("registry.account.edit")}
                        </Button>,
                        <Button
                          key="c"
                          size="small"
                          danger
                          onClick={() => setForm({ kind: "close", account: a })}
                        >
                          {t("registry.account.close")}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={<Link to={`accounts/${a.id}`}>{a.current.name}</Link>}
                  description={
                    <Space wrap size={4}>
                      <Tag color={a.current.status === "active" ? "green" : "default"}>
                        {t(`registry.status.${a.current.status}`)}
                      </Tag>
                      <span>{platformName(t, a.current)}</span>
                      <span>{a.current.handle}</span>
                      <span>{t(`registry.ownership.${a.current.ownership}`)}</span>
                      <span>{t("registry.account.version", { version: a.current.version })}</span>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <MyCampaigns />
      <AccountForm
        mode={form}
        onClose={() => setForm(null)}
        onSaved={() => {
          setForm(null);
          void client.invalidateQueries({ queryKey: REGISTRY_KEY });
        }}
      />
    </Space>
  );
}

/** The year's attestations and the declarations asked of this cadre, done or still to do. */
function MyCampaigns() {
  const { t } = useTranslation();
  const attestations = useQuery({
    queryKey: [...MINE_KEY, "attestations"],
    queryFn: myAttestations,
  });
  const declarations = useQuery({
    queryKey: [...MINE_KEY, "declarations"],
    queryFn: myDeclarations,
  });
  const due = (c: { dueOn: string; overdue: boolean }) =>
    t(c.overdue ? "registry.mine.overdue" : "registry.mine.pending", { at: c.dueOn });
  const rows = [
    ...(attestations.data?.items ?? []).map((a) => ({
      key: `a${a.campaign.id}`,
      to: `attest/${a.campaign.id}`,
      kind: t("registry.mine.attest"),
      title: a.campaign.title,
      done: a.signedAt !== null,
      state: a.signedAt ? t("registry.mine.signedAt", { at: when(a.signedAt) }) : due(a.campaign),
    })),
    ...(declarations.data?.items ?? []).map((d) => ({
      key: `d${d.campaign.id}`,
      to: `declare/${d.campaign.id}`,
      kind: t("registry.mine.declare"),
      title: d.campaign.title,
      done: d.declaredAt !== null,
      state: d.declaredAt
        ? t("registry.mine.declaredAt", { version: d.version, at: when(d.declaredAt) })
        : due(d.campaign),
    })),
  ];
  return (
    <Card title={t("registry.mine.tasks")}>
      <ErrorAlert error={attestations.error ?? declarations.error} />
      {rows.length === 0 && !attestations.isLoading && !declarations.isLoading ? (
        <EmptyState description={t("registry.mine.noTasks")} />
      ) : (
        <List
          loading={attestations.isLoading || declarations.isLoading}
          dataSource={rows}
          renderItem={(r) => (
            <List.Item>
              <Flex justify="space-between" align="center" gap={8} wrap style={{ width: "100%" }}>
                <Space direction="vertical" size={0}>
                  <Link to={r.to}>{`${r.kind} · ${r.title}`}</Link>
                  <Typography.Text type={r.done ? "success" : "warning"}>{r.state}</Typography.Text>
                </Space>
                <Link to={r.to}>
                  <Button size="small" type={r.done ? "default" : "primary"}>
                    {r.done ? t("registry.mine.view") : t("registry.mine.open")}
                  </Button>
                </Link>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
