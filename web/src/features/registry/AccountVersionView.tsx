import { Descriptions, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { platformName, when } from "./format";
import type { AccountVersion } from "./registry.api";

/** One version of an account entry, every field as the cadre declared it. */
export function AccountVersionView({ v }: { v: AccountVersion }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      title={
        <Space wrap size={8}>
          <span>{t("registry.account.version", { version: v.version })}</span>
          <Tag color={v.status === "active" ? "green" : "default"}>
            {t(`registry.status.${v.status}`)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
            {t("registry.account.recorded", { by: v.recordedBy, at: when(v.recordedAt) })}
          </Typography.Text>
        </Space>
      }
    >
      <Descriptions.Item label={t("registry.account.platform")}>
        {platformName(t, v)}
      </Descriptions.Item>
      <Descriptions.Item label={t("registry.account.handle")}>{v.handle}</Descriptions.Item>
      <Descriptions.Item label={t("registry.account.ownershipLabel")}>
        {t(`registry.ownership.${v.ownership}`)}
        {v.unitName ? `（${v.unitName}）` : ""}
      </Descriptions.Item>
      <Descriptions.Item label={t("registry.account.since")}>{v.since}</Descriptions.Item>
      {v.link ? (
        <Descriptions.Item label={t("registry.account.link")}>
          <a href={v.link} target="_blank" rel="noopener noreferrer nofollow">
            {v.link}
          </a>
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t("registry.account.purpose")}>{v.purpose}</Descriptions.Item>
      {v.coManagers ? (
        <Descriptions.Item label={t("registry.account.coManagers")}>
          {v.coManagers}
        </Descriptions.Item>
      ) : null}
      {v.changeNote ? (
        <Descriptions.Item label={t("registry.account.changeNote")}>
          {v.changeNote}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
