import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Result, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ShownQuestion } from "../bank/QuestionInput";
import type { Attempt } from "../study.api";
import { choiceLabel, type ReviewLine, reviewLines } from "./review-lines";

/** Score and, per question, the options as this member saw them, their answer and the right one. */
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
          <ReviewCard
            key={q.id}
            n={i + 1}
            question={q}
            given={attempt.answers[String(q.id)] ?? []}
            answer={review?.answer ?? []}
            correct={review?.correct ?? false}
            explanation={review?.explanation ?? ""}
          />
        );
      })}
    </div>
  );
}

function ReviewCard(props: {
  n: number;
  question: ShownQuestion;
  given: string[];
  answer: string[];
  correct: boolean;
  explanation: string;
}) {
  const { t } = useTranslation();
  const { question: q, given, answer, correct } = props;
  const mine = choiceLabel(q, given) ?? t("study.notAnswered");
  const right = choiceLabel(q, answer) ?? "";
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="review-question">
      <Typography.Paragraph>
        <Tag>{t(`study.type.${q.type}`)}</Tag>
        <Typography.Text strong>{t("study.question", { n: props.n })}</Typography.Text> {q.stem}
      </Typography.Paragraph>
      {reviewLines(q, given, answer).map((line) => (
        <OptionLine key={line.key} line={line} />
      ))}
      <Alert
        style={{ marginTop: 8 }}
        type={correct ? "success" : "error"}
        title={
          <span data-testid="review-verdict">
            {correct ? t("study.yourAnswerRight") : t("study.yourAnswerWrong")}
            {"　"}
            {t("study.yourAnswer", { answer: mine })}
            {"　"}
            {t("study.correctAnswer", { answer: right })}
          </span>
        }
        description={`${t("study.explanation")}：${props.explanation}`}
      />
    </Card>
  );
}

/** The right option in green, the member's wrong pick in red, each saying so in words too. */
function OptionLine({ line }: { line: ReviewLine }) {
  const { t } = useTranslation();
  const wrongPick = line.chosen && !line.correct;
  const color = line.correct ? "#389e0d" : wrongPick ? "#cf1322" : undefined;
  return (
    <Flex
      gap={8}
      align="baseline"
      data-testid="review-option"
      style={{
        padding: "6px 8px",
        borderRadius: 6,
        background: line.correct ? "#f6ffed" : wrongPick ? "#fff1f0" : undefined,
      }}
    >
      <span style={{ width: 16, color }}>
        {line.correct ? <CheckCircleFilled /> : wrongPick ? <CloseCircleFilled /> : null}
      </span>
      <span style={{ flex: 1, color }}>
        {line.letter ? `${line.letter}. ` : ""}
        {line.text}
      </span>
      {line.chosen ? (
        <Tag color={line.correct ? "green" : "red"}>{t("study.yourChoice")}</Tag>
      ) : null}
      {line.correct ? <Tag color="green">{t("study.rightOption")}</Tag> : null}
    </Flex>
  );
}
