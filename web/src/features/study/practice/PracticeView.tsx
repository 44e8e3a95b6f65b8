import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { choiceLabel } from "../attempts/review-lines";
import { QuestionInput } from "../bank/QuestionInput";
import { answerPractice, getPractice, type PracticeAnswer, type PracticeDay } from "../study.api";
import { RankingCard } from "./RankingCard";

/** 每日一练: today's questions one after another, with points, the cap and the streak. */
export function PracticeView() {
  const { t } = useTranslation();
  const day = useQuery({ queryKey: ["study", "practice"], queryFn: getPractice });
  if (day.error) return <ErrorAlert error={day.error} onRetry={() => day.refetch()} />;
  if (!day.data) return <Skeleton active />;
  const d = day.data;
  return (
    <div style={{ maxWidth: 720, margin: "0 auto" }}>
      <Typography.Title level={4}>{t("study.practice")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("study.practiceIntro")}</Typography.Paragraph>
      <Flex gap={24} wrap style={{ marginBottom: 16 }}>
        <Statistic
          title={t("study.points", { points: d.points, cap: d.dailyCap })}
          value={d.points}
          suffix={`/ ${d.dailyCap}`}
        />
        <Statistic
          title={t("study.totalPoints", { points: d.totalPoints })}
          value={d.totalPoints}
        />
        <Statistic title={t("study.streak", { days: d.streak })} value={d.streak} />
      </Flex>
      {d.completed ? (
        <Alert type="success" title={t("study.practiceDone")} style={{ marginBottom: 12 }} />
      ) : null}
      {d.questions.length === 0 ? <Empty description={t("study.noPractice")} /> : null}
      {d.questions.map((q, i) => (
        <PracticeCard key={q.id} n={i + 1} question={q} />
      ))}
      <RankingCard />
    </div>
  );
}

function PracticeCard({ n, question }: { n: number; question: PracticeDay["questions"][number] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<PracticeAnswer | null>(null);
  const send = useMutation({
    mutationFn: () => answerPractice(question.id, value),
    onSuccess: (res) => {
      setOutcome(res);
      void client.invalidateQueries({ queryKey: ["study", "practice"] });
      void client.invalidateQueries({ queryKey: ["study", "ranking"] });
    },
  });
  const answered = outcome !== null || question.result !== null;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Typography.Paragraph>
        <Tag>{t(`study.type.${question.type}`)}</Tag>
        <Typography.Text strong>{t("study.question", { n })}</Typography.Text>
        {question.result ? (
          <Tag color={question.result === "correct" ? "green" : "red"} style={{ marginLeft: 8 }}>
            {t(question.result === "correct" ? "study.yourAnswerRight" : "study.yourAnswerWrong")}
          </Tag>
        ) : null}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ fontSize: 16 }}>{question.stem}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: "100%" }}>
        <QuestionInput question={question} value={value} onChange={setValue} disabled={answered} />
        <ErrorAlert error={send.error} />
        {outcome ? (
          <Alert
            type={outcome.correct ? "success" : "error"}
            title={`${outcome.correct ? t("study.yourAnswerRight") : t("study.yourAnswerWrong")}　${t("study.correctAnswer", { answer: choiceLabel(question, outcome.answer) ?? "" })}　+${outcome.pointsAwarded}`}
            description={`${t("study.explanation")}：${outcome.explanation}`}
          />
        ) : null}
        {answered ? null : (
          <Button
            type="primary"
            disabled={value.length === 0}
            loading={send.isPending}
            onClick={() => send.mutate()}
          >
            {t("study.answer")}
          </Button>
        )}
      </Space>
    </Card>
  );
}
