import { Alert, Button, Card, Result, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { answerLabel } from "./QuestionInput";
import type { Attempt } from "./study.api";

/** Score and, for each question, the right answer and the explanation with its article. */
export function ResultView({ attempt }: { attempt: Attempt }) {
  const { t } = useTranslation();
  const r = attempt.result;
  if (!r) return null;
  return (
    <div style={{ maxWidth: 720, margin: "0 auto" }}>
      <Result
        status={r.passed ? "success" : "warning"}
        title={<span data-testid="exam-score">{`${t("study.score")} ${r.score}`}</span>}
        subTitle={
          <>
            <Tag color={r.passed ? "green" : "orange"}>
              {r.passed ? t("study.passed") : t("study.failed")}
            </Tag>
            {t("study.resultLine", { correct: r.correct, total: r.total, pass: r.passMark })}
          </>
        }
        extra={
          <Link to="/study">
            <Button>{t("study.backToTasks")}</Button>
          </Link>
        }
      />
      {attempt.questions.map((q, i) => {
        const review = r.review.find((x) => x.questionId === q.id);
        return (
          <Card key={q.id} size="small" style={{ marginBottom: 12 }}>
            <Typography.Paragraph>
              <Typography.Text strong>{t("study.question", { n: i + 1 })}</Typography.Text> {q.stem}
            </Typography.Paragraph>
            <Alert
              type={review?.correct ? "success" : "error"}
              title={`${review?.correct ? t("study.yourAnswerRight") : t("study.yourAnswerWrong")}　${t("study.correctAnswer", { answer: answerLabel(q, review?.answer ?? []) })}`}
              description={`${t("study.explanation")}：${review?.explanation ?? ""}`}
            />
          </Card>
        );
      })}
    </div>
  );
}
