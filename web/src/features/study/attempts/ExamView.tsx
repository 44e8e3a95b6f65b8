import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Flex, Progress, Skeleton, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { QuestionInput } from "../bank/QuestionInput";
import { type Attempt, getAttempt, submitAttempt } from "../study.api";
import { formatClock, remainingMs } from "./exam-clock";
import { ResultView } from "./ResultView";
import { useAutosave } from "./use-autosave";

/** A sitting on a phone: one scrolling paper, a sticky bar with the clock and the save state. */
export function ExamView() {
  const id = Number(useParams().id);
  const attempt = useQuery({ queryKey: ["study", "attempt", id], queryFn: () => getAttempt(id) });
  if (attempt.error) return <ErrorAlert error={attempt.error} onRetry={() => attempt.refetch()} />;
  if (!attempt.data) return <Skeleton active />;
  if (attempt.data.result) return <ResultView attempt={attempt.data} />;
  return <Paper key={attempt.data.id} attempt={attempt.data} />;
}

function Paper({ attempt }: { attempt: Attempt }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const [loadedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const { answers, change, state, flush } = useAutosave(attempt.id, attempt.answers, true);
  const left = remainingMs(attempt.deadlineAt, attempt.serverNow, loadedAt, now);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);
  useEffect(() => {
    // Time is up: the server closes the sitting with the saved answers; show its result.
    if (left === 0)
      void flush().finally(() =>
        client.invalidateQueries({ queryKey: ["study", "attempt", attempt.id] }),
      );
  }, [left, flush, client, attempt.id]);

  const done = attempt.questions.filter((q) => (answers[String(q.id)] ?? []).length > 0).length;
  const submit = async () => {
    setSubmitting(true);
    setError(null);
    try {
      await submitAttempt(attempt.id, answers);
      // The submit answer is just the score; the review with explanations comes with the paper.
      await client.invalidateQueries({ queryKey: ["study", "attempt", attempt.id] });
      void client.invalidateQueries({ queryKey: ["study", "tasks"] });
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };
  const confirm = () =>
    modal.confirm({
      title: t("study.submit"),
      content: `${t("study.submitConfirm")}${done < attempt.questions.length ? t("study.unanswered", { count: attempt.questions.length - done }) : ""}`,
      okText: t("study.submit"),
      cancelText: t("common.cancel"),
      onOk: submit,
    });

  return (
    <div style={{ maxWidth: 720, margin: "0 auto" }}>
      <Card
        size="small"
        style={{ position: "sticky", top: 0, zIndex: 10, marginBottom: 12 }}
        data-testid="exam-bar"
      >
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text strong data-testid="exam-clock">
            {t("study.timeLeft", { time: formatClock(left) })}
          </Typography.Text>
          <Tag
            color={state === "failed" ? "orange" : state === "saving" ? "blue" : "green"}
            data-testid="save-state"
          >
            {t(`study.${state}`)}
          </Tag>
        </Flex>
        <Progress
          percent={Math.round((100 * done) / attempt.questions.length)}
          showInfo={false}
          size="small"
        />
        <Typography.Text type="secondary">
          {t("study.answered", { done, total: attempt.questions.length })}
        </Typography.Text>
      </Card>
      <ErrorAlert error={error} />
      {attempt.questions.map((q, i) => (
        <Card key={q.id} size="small" style={{ marginBottom: 12 }} data-testid="exam-question">
          <Typography.Paragraph>
            <Tag>{t(`study.type.${q.type}`)}</Tag>
            <Typography.Text strong>{t("study.question", { n: i + 1 })}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph style={{ fontSize: 16 }}>{q.stem}</Typography.Paragraph>
          <QuestionInput
            question={q}
            value={answers[String(q.id)] ?? []}
            onChange={(v) => change(q.id, v)}
          />
        </Card>
      ))}
      <Button
        type="primary"
        size="large"
        block
        loading={submitting}
        onClick={confirm}
        data-testid="submit-exam"
      >
        {t("study.submit")}
      </Button>
    </div>
  );
}
