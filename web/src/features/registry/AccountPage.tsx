import { useQuery } from "@tanstack/react-query";
import { Button, Card, Divider, Typography } from "antd";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { AccountVersionView } from "./AccountVersionView";
import { getAccount, REGISTRY_KEY } from "./registry.api";

/** One account and every version declared of it, newest first. */
export function AccountPage({ backTo = "/registry" }: { backTo?: string }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useQuery({
    queryKey: [...REGISTRY_KEY, "account", id],
    queryFn: () => getAccount(id),
    enabled: Number.isInteger(id) && id > 0,
  });
  const a = query.data;
  return (
    <Card
      loading={query.isLoading}
      title={a ? `${a.current.name} · ${a.member.name}` : t("registry.account.history")}
      extra={
        <Link to={backTo}>
          <Button>{t("registry.account.back")}</Button>
        </Link>
      }
    >
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {a ? (
        <>
          <Typography.Paragraph type="secondary">{a.orgTrail}</Typography.Paragraph>
          <Typography.Title level={5}>{t("registry.account.history")}</Typography.Title>
          {(a.history ?? [a.current]).map((v, i) => (
            <Fragment key={v.version}>
              {i > 0 ? <Divider style={{ margin: "8px 0" }} /> : null}
              <AccountVersionView v={v} />
            </Fragment>
          ))}
        </>
      ) : null}
    </Card>
  );
}
