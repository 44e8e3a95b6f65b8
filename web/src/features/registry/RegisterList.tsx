import { List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useOrgScope } from "../../app/org-scope";
import { LoadMore, useCursorList } from "../../shared/ui/cursor-list";
import { DownloadButton } from "../../shared/ui/DownloadButton";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { platformName } from "./format";
import { listRegister, REGISTRY_KEY, registerExportHref } from "./registry.api";

/** 登记名单: every cadre's accounts in the scope, by org and name, and the Excel export. */
export function RegisterList() {
  const { t } = useTranslation();
  const { current } = useOrgScope();
  const list = useCursorList({
    queryKey: [...REGISTRY_KEY, "register", current?.orgId],
    fetchPage: (after) => listRegister(current?.orgId, after),
    enabled: Boolean(current),
  });
  return (
    <>
      <Space wrap style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Typography.Text type="secondary">{t("registry.oversee.registerIntro")}</Typography.Text>
        {current ? (
          <DownloadButton href={registerExportHref(current.orgId)} testId="registry-export">
            {t("registry.oversee.export")}
          </DownloadButton>
        ) : null}
      </Space>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      {!list.isLoading && list.items.length === 0 ? (
        <EmptyState description={t("registry.oversee.noRegister")} />
      ) : (
        <List
          loading={list.isLoading}
          dataSource={list.items}
          renderItem={(a) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Link to={`accounts/${a.id}`}>
                    {`${a.member.name}${a.member.position ? `（${a.member.position}）` : ""} · ${a.current.name}`}
                  </Link>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <Space wrap size={4}>
                      <Tag color={a.current.status === "active" ? "green" : "default"}>
                        {t(`registry.status.${a.current.status}`)}
                      </Tag>
                      <span>{platformName(t, a.current)}</span>
                      <span>{a.current.handle}</span>
                      <span>{t(`registry.ownership.${a.current.ownership}`)}</span>
                      <span>{`${t("registry.oversee.since")} ${a.current.since}`}</span>
                      <span>{t("registry.account.version", { version: a.current.version })}</span>
                    </Space>
                    <Typography.Text type="secondary">{a.orgTrail}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      <LoadMore list={list} />
    </>
  );
}
