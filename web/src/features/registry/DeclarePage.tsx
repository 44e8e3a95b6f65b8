import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { DeclarationForm } from "./DeclarationForm";
import { DeclarationHistory } from "./DeclarationHistory";
import { isNotCadre, NotCadre } from "./NotCadre";
import { declare, getDeclaration, MINE_KEY, myDeclarations, REGISTRY_KEY } from "./registry.api";

/** A campaign's declaration as its cadre sees it: the form, or what was declared and 更正. */
export function DeclarePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const campaignId = Number(useParams().id);
  const [amending, setAmending] = useState(false);
  const mine = useQuery({
    queryKey: [...MINE_KEY, "declarations"],
    queryFn: myDeclarations,
    retry: false,
  });
  const entry = mine.data?.items.find((d) => d.campaign.id === campaignId);
  const declarationId = entry?.declarationId ?? null;
  const declaration = useQuery({
    queryKey: [...MINE_KEY, "declaration", declarationId],
    queryFn: () => getDeclaration(declarationId as number),
    enabled: declarationId !== null,
  });
  if (isNotCadre(mine.error)) return <NotCadre />;
  const d = declaration.data;
  const c = entry?.campaign;

  const submit = async (body: Parameters<typeof declare>[1]) => {
    const saved = await declare(campaignId, body);
    message.success(t("registry.declare.submitted", { version: saved.versions[0]?.version }));
    setAmending(false);
    await client.invalidateQueries({ queryKey: REGISTRY_KEY });
  };

  return (
    <Card
      loading={mine.isLoading}
      title={c ? `${t("registry.declare.title")} · ${c.title}` : t("registry.declare.title")}
      extra={
        <Link to="/registry">
          <Button>{t("registry.declare.back")}</Button>
        </Link>
      }
    >
      <ErrorAlert error={mine.error ?? declaration.error} />
      {!mine.isLoading && !entry ? (
        <Alert type="warning" showIcon title={t("registry.declare.notFound")} />
      ) : null}
      {c ? (
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <Space wrap size={4}>
            <Tag>{t(`registry.declare.kind.${c.kind}`)}</Tag>
            <Typography.Text type="secondary">
              {`${c.orgName} · ${t("registry.declare.period", { from: c.periodFrom, to: c.periodTo })} · ${t("registry.attest.due", { at: c.dueOn })}`}
            </Typography.Text>
          </Space>
          {declarationId === null ? (
            <DeclarationForm onSubmit={submit} />
          ) : d && amending ? (
            <>
              <Typography.Title level={5}>{t("registry.declare.amendTitle")}</Typography.Title>
              <DeclarationForm
                from={d.versions[0]}
                onSubmit={submit}
                onCancel={() => setAmending(false)}
              />
            </>
          ) : d ? (
            <>
              {d.can.amend ? (
                <Button onClick={() => setAmending(true)}>{t("registry.declare.amend")}</Button>
              ) : null}
              <DeclarationHistory d={d} />
            </>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}
