import { Descriptions, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DeclarationVersion } from "./registry.api";

/** One version of a declaration: both kinds of items, each 「无」 or listed as declared. */
export function DeclarationVersionView({ v }: { v: DeclarationVersion }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Text strong>{t("registry.declare.assetsTitle")}</Typography.Text>
      {v.assets.length === 0 ? (
        <Typography.Paragraph>{t("registry.declare.noneDeclared")}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={v.assets}
          renderItem={(a, i) => (
            <List.Item>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                title={t("registry.declare.item", { n: i + 1 })}
              >
                <Descriptions.Item label={t("registry.declare.kindLabel")}>
                  {t(`registry.declare.assetKind.${a.kind}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t("registry.declare.description")}>
                  {a.description}
                </Descriptions.Item>
                <Descriptions.Item label={t("registry.declare.source")}>
                  {a.source}
                </Descriptions.Item>
                <Descriptions.Item label={t("registry.declare.receivedOn")}>
                  {a.receivedOn}
                </Descriptions.Item>
                <Descriptions.Item label={t("registry.declare.handover")}>
                  {a.handover}
                </Descriptions.Item>
                {a.handedOverOn ? (
                  <Descriptions.Item label={t("registry.declare.handedOverOn")}>
                    {a.handedOverOn}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            </List.Item>
          )}
        />
      )}
      <Typography.Text strong>{t("registry.declare.activitiesTitle")}</Typography.Text>
      {v.activities.length === 0 ? (
        <Typography.Paragraph>{t("registry.declare.noneDeclared")}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={v.activities}
          renderItem={(a, i) => (
            <List.Item>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                title={t("registry.declare.item", { n: i + 1 })}
              >
                <Descriptions.Item label={t("registry.declare.kindLabel")}>
                  {t(`registry.declare.activityKind.${a.kind}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t("registry.declare.description")}>
                  {a.description}
                </Descriptions.Item>
                <Descriptions.Item label={t("registry.declare.platform")}>
                  {a.platform}
                </Descriptions.Item>
                <Descriptions.Item label={t("registry.declare.activityPeriod")}>
                  {a.period}
                </Descriptions.Item>
                <Descriptions.Item label={t("registry.declare.approval")}>
                  {a.approval || "—"}
                </Descriptions.Item>
              </Descriptions>
            </List.Item>
          )}
        />
      )}
      {v.note ? (
        <Typography.Paragraph>{`${t("registry.declare.note")}：${v.note}`}</Typography.Paragraph>
      ) : null}
      {v.changeNote ? (
        <Typography.Paragraph type="secondary">
          {`${t("registry.declare.changeNote")}：${v.changeNote}`}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
