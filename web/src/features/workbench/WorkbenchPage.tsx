import {
  AuditOutlined,
  BookOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  EditOutlined,
  FileTextOutlined,
  FlagOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
} from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Card, Col, List, Progress, Row, Space, Statistic, Tag, Typography } from "antd";
import dayjs from "dayjs";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { getWorkbench, type OrgSummary, type Task } from "./workbench.api";

const ICONS: Record<Task["kind"], ReactNode> = {
  study: <ReadOutlined />,
  practice: <BookOutlined />,
  selfReview: <EditOutlined />,
  vote: <CheckSquareOutlined />,
  rectification: <FlagOutlined />,
  attestation: <SafetyCertificateOutlined />,
  declaration: <AuditOutlined />,
  defence: <FileTextOutlined />,
  appeal: <FileTextOutlined />,
};

function due(at: string | null): string | null {
  if (!at) return null;
  return at.length > 10 ? dayjs(at).format("MM-DD HH:mm") : dayjs(at).format("MM-DD");
}

function MyTasks({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t("workbench.myTasks")} extra={<Link to="/inbox">{t("menu.inbox")}</Link>}>
      <List<Task>
        dataSource={tasks}
        locale={{ emptyText: <EmptyState description={t("workbench.noTasks")} /> }}
        renderItem={(task) => (
          <List.Item data-testid="workbench-task" style={{ paddingInline: 0 }}>
            <Link to={task.link} style={{ display: "block", width: "100%", color: "inherit" }}>
              <Space align="start" size={12} style={{ width: "100%" }}>
                <span style={{ fontSize: 18, color: "#c8102e" }}>{ICONS[task.kind]}</span>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Space size={6} wrap>
                    <Tag>{t(`workbench.kind.${task.kind}`)}</Tag>
                    <Typography.Text strong style={{ whiteSpace: "normal" }}>
                      {task.title}
                    </Typography.Text>
                  </Space>
                  <div>
                    {task.note && (
                      <Typography.Text type={task.overdue ? "danger" : "secondary"}>
                        {task.note}
                      </Typography.Text>
                    )}
                    {task.dueAt && (
                      <Typography.Text
                        type={task.overdue ? "danger" : "secondary"}
                        style={{ marginInlineStart: 8 }}
                      >
                        <ClockCircleOutlined /> {t("workbench.due", { at: due(task.dueAt) })}
                      </Typography.Text>
                    )}
                  </div>
                </div>
              </Space>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Figure({
  title,
  value,
  to,
  warn,
}: {
  title: string;
  value: number;
  to?: string;
  warn?: boolean;
}) {
  const body = (
    <Statistic
      title={title}
      value={value}
      styles={{ content: { color: warn && value > 0 ? "#c8102e" : undefined } }}
    />
  );
  return (
    <Col xs={12} sm={8} md={6} xl={4}>
      {to ? <Link to={to}>{body}</Link> : body}
    </Col>
  );
}

function OrgCard({ org }: { org: OrgSummary }) {
  const { t } = useTranslation();
  return (
    <Card title={org.orgName} data-testid="workbench-org">
      <Row gutter={[16, 16]}>
        <Figure title={t("workbench.members")} value={org.members} to="/members" />
        <Figure
          title={t("workbench.withoutAccount")}
          value={org.withoutAccount}
          to="/members"
          warn
        />
        {org.can.review && (
          <>
            <Figure
              title={t("workbench.selfReviewsToCheck")}
              value={org.selfReviewsToCheck}
              to="/review/meetings"
              warn
            />
            <Figure
              title={t("workbench.rectificationsToClose")}
              value={org.rectificationsToClose}
              to="/review/rectifications?status=done"
              warn
            />
            <Figure
              title={t("workbench.rectificationsOverdue")}
              value={org.rectificationsOverdue}
              to="/review/rectifications?status=overdue"
              warn
            />
            <Figure
              title={t("workbench.rectificationsDueSoon")}
              value={org.rectificationsDueSoon}
              to="/review/rectifications"
            />
            <Figure
              title={t("workbench.rectificationsOpen")}
              value={org.rectificationsOpen}
              to="/review/rectifications"
            />
          </>
        )}
      </Row>
      {org.campaigns.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("workbench.campaigns")}
          </Typography.Title>
          {org.campaigns.map((c) => (
            <div key={c.id} style={{ marginBottom: 8 }}>
              <Link to={`/study-admin/campaigns/${c.id}`}>{c.title}</Link>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {t("workbench.campaignLine", {
                  notStarted: c.notStarted,
                  passed: c.passed,
                  members: c.members,
                  at: due(c.endsAt),
                })}
              </Typography.Text>
              <Progress
                percent={c.members ? Math.round((c.passed / c.members) * 100) : 0}
                size="small"
              />
            </div>
          ))}
        </>
      )}
    </Card>
  );
}

/** 工作台: the member's own tasks and, for a secretary or committee, their orgs' open items. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const data = useQuery({ queryKey: ["workbench"], queryFn: getWorkbench });
  if (data.isPending) return <PageSkeleton rows={6} />;
  if (data.error) return <ErrorAlert error={data.error} onRetry={() => void data.refetch()} />;
  const { tasks, orgs } = data.data;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {tasks && <MyTasks tasks={tasks} />}
      {orgs.map((org) => (
        <OrgCard key={org.orgId} org={org} />
      ))}
      {!tasks && orgs.length === 0 && (
        <Card>
          <EmptyState description={t("workbench.nothing")} />
        </Card>
      )}
    </Space>
  );
}
