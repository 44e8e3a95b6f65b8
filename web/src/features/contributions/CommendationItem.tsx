import { List, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Commendation } from "./contributions.api";

const STATE_COLOR = { proposed: "blue", approved: "red", declined: "default" };

/** One commendation: what, at which level, why, on which works, and who decided it. */
export function CommendationItem({
  c,
  showMember,
  actions,
}: {
  c: Commendation;
  showMember?: boolean;
  actions?: ReactNode[];
}) {
  const { t } = useTranslation();
  return (
    <List.Item actions={actions} data-testid={`commendation-${c.id}`}>
      <List.Item.Meta
        title={
          <Space wrap size={4}>
            {showMember ? <span>{c.member.name}</span> : null}
            <span>{c.title}</span>
            <Tag>{t(`contributions.level.${c.level}`)}</Tag>
            <Tag color={STATE_COLOR[c.state]}>{t(`contributions.cstate.${c.state}`)}</Tag>
          </Space>
        }
        description={
          <Space direction="vertical" size={2} style={{ width: "100%" }}>
            {showMember ? <Typography.Text type="secondary">{c.orgName}</Typography.Text> : null}
            <Typography.Paragraph style={{ marginBottom: 0 }}>{c.reason}</Typography.Paragraph>
            <span>
              {`${t("contributions.commend.works")}：`}
              {c.contributions.map((w) => `《${w.title}》`).join("、")}
            </span>
            {c.state === "approved" ? (
              <Typography.Text strong>
                {t("contributions.commend.approvedLine", { on: c.approvedOn, doc: c.documentNo })}
              </Typography.Text>
            ) : null}
            {c.state === "declined" ? (
              <Typography.Text type="secondary">
                {t("contributions.commend.declinedLine", { reason: c.declineReason })}
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("contributions.commend.proposedBy", { who: c.proposedBy, at: c.proposedAt })}
            </Typography.Text>
          </Space>
        }
      />
    </List.Item>
  );
}
