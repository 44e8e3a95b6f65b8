import { List, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Contribution } from "./contributions.api";

const STATE_COLOR = {
  pending: "blue",
  accepted: "green",
  returned: "orange",
  withdrawn: "default",
};

/**
 * One work as its member reported it. The link is shown as text and opened only by whoever
 * clicks it, in a new tab that cannot reach back into this page; the reach is marked 自报.
 */
export function WorkItem({
  work,
  showMember,
  actions,
}: {
  work: Contribution;
  showMember?: boolean;
  actions?: ReactNode[];
}) {
  const { t } = useTranslation();
  return (
    <List.Item actions={actions} data-testid={`work-${work.id}`}>
      <List.Item.Meta
        title={
          <Space wrap size={4}>
            <span>{work.title}</span>
            <Tag color={STATE_COLOR[work.state]}>{t(`contributions.state.${work.state}`)}</Tag>
          </Space>
        }
        description={
          <Space direction="vertical" size={2} style={{ width: "100%" }}>
            <Space wrap size={4}>
              {showMember ? <span>{`${work.member.name} · ${work.orgName}`}</span> : null}
              <Tag>{t(`contributions.kind.${work.kind}`)}</Tag>
              <span>{work.publishedOn}</span>
              {work.reportedReach !== null ? (
                <span>{t("contributions.reach", { n: work.reportedReach.toLocaleString() })}</span>
              ) : null}
            </Space>
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {work.description}
            </Typography.Paragraph>
            <Typography.Link
              href={work.link}
              target="_blank"
              rel="noopener noreferrer"
              style={{ wordBreak: "break-all" }}
            >
              {work.link}
            </Typography.Link>
            {work.returnReason ? (
              <Typography.Text type="warning">
                {t("contributions.returnReason", { reason: work.returnReason })}
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("contributions.submittedAt", { at: work.submittedAt })}
              {work.reviewedBy
                ? ` · ${t("contributions.reviewedBy", { who: work.reviewedBy, at: work.reviewedAt })}`
                : ""}
            </Typography.Text>
          </Space>
        }
      />
    </List.Item>
  );
}
