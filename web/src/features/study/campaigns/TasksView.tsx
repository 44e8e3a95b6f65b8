import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Empty, Flex, List, Skeleton, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { listTasks, markRead, startAttempt, type Task } from "../study.api";

/** A member's campaigns: required materials to tick off, then the exam. */
export function TasksView() {
  const { t } = useTranslation();
  const tasks = useQuery({ queryKey: ["study", "tasks"], queryFn: listTasks });
  return (
    <div style={{ maxWidth: 720, margin: "0 auto" }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("study.tasks")}
        </Typography.Title>
        <Link to="/study/practice">
          <Button>{t("study.practice")}</Button>
        </Link>
      </Flex>
      <ErrorAlert error={tasks.error} onRetry={() => tasks.refetch()} />
      {tasks.isPending ? <Skeleton active /> : null}
      {tasks.data?.items.length === 0 ? <Empty description={t("study.noTasks")} /> : null}
      {tasks.data?.items.map((task) => (
        <TaskCard key={task.campaign.id} task={task} />
      ))}
    </div>
  );
}

function TaskCard({ task }: { task: Task }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const c = task.campaign;
  const read = useMutation({
    mutationFn: (materialId: number) => markRead(c.id, materialId),
    onSuccess: () => client.invalidateQueries({ queryKey: ["study", "tasks"] }),
  });
  const start = useMutation({
    mutationFn: () => startAttempt(c.id),
    onSuccess: (attempt) => navigate(`/study/attempts/${attempt.id}`),
  });
  const now = dayjs();
  const open = c.status === "published" && now.isAfter(c.startsAt) && now.isBefore(c.endsAt);
  const allRead = task.materials.every((m) => m.read);
  const canStart =
    open && allRead && (task.openAttemptId !== null || task.attemptsUsed < c.maxAttempts);
  return (
    <Card title={c.title} size="small" style={{ marginBottom: 12 }} data-testid="study-task">
      <Typography.Paragraph type="secondary">
        {t("study.period", {
          start: dayjs(c.startsAt).format("YYYY-MM-DD HH:mm"),
          end: dayjs(c.endsAt).format("YYYY-MM-DD HH:mm"),
        })}
      </Typography.Paragraph>
      {c.description ? <Typography.Paragraph>{c.description}</Typography.Paragraph> : null}
      {task.materials.length > 0 ? (
        <List
          size="small"
          header={t("study.materials")}
          dataSource={task.materials}
          renderItem={(m) => (
            <List.Item
              actions={[
                m.read ? (
                  <Tag color="green" key="r">
                    {t("study.read")}
                  </Tag>
                ) : (
                  <Button
                    key="m"
                    size="small"
                    loading={read.isPending}
                    onClick={() => read.mutate(m.id)}
                  >
                    {t("study.markRead")}
                  </Button>
                ),
              ]}
            >
              <MaterialLink material={m} />
            </List.Item>
          )}
        />
      ) : null}
      <Typography.Paragraph style={{ marginTop: 12 }}>
        {t("study.examRules", {
          count: c.questionCount,
          minutes: c.timeLimitMinutes,
          pass: c.passMark,
          attempts: c.maxAttempts,
        })}
      </Typography.Paragraph>
      <ErrorAlert error={start.error ?? read.error} />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Tag>{t("study.attemptsUsed", { used: task.attemptsUsed, max: c.maxAttempts })}</Tag>
          {task.best ? (
            <Tag color={task.best.passed ? "green" : "orange"} data-testid="task-best">
              {t("study.best", { score: task.best.score })} ·{" "}
              {task.best.passed ? t("study.passed") : t("study.failed")}
            </Tag>
          ) : null}
        </Space>
        <Space>
          {task.lastAttemptId && task.openAttemptId === null ? (
            <Link to={`/study/attempts/${task.lastAttemptId}`}>
              <Button>{t("study.viewResult")}</Button>
            </Link>
          ) : null}
          <Button
            type="primary"
            disabled={!canStart}
            loading={start.isPending}
            onClick={() => start.mutate()}
            data-testid="start-exam"
          >
            {task.openAttemptId ? t("study.resume") : open ? t("study.start") : t("study.notOpen")}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}

/** The material itself (file, link) and the articles it explains, opened in the reader. */
function MaterialLink({ material }: { material: Task["materials"][number] }) {
  const title =
    material.kind === "file" ? (
      <a href={`/api/study/materials/${material.id}/file`}>{material.title}</a>
    ) : material.kind === "link" && material.url ? (
      <a href={material.url} target="_blank" rel="noreferrer">
        {material.title}
      </a>
    ) : (
      <span>{material.title}</span>
    );
  return (
    <Space wrap size={4}>
      {title}
      {material.articles.map((a) => (
        <Link
          key={a.id}
          to={`/regulations/${a.documentId}/articles/${a.sub ? `${a.number}-${a.sub}` : a.number}`}
        >
          <Tag color="red">{a.label}</Tag>
        </Link>
      ))}
    </Space>
  );
}
