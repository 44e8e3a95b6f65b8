import { CheckOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { reviewLines } from "../attempts/review-lines";
import type { Question } from "../study.api";

/**
 * A bank question's options with the right ones marked, so a reviewer checks the key in the
 * list instead of opening each question.
 */
export function AnswerKey({ q }: { q: Question }) {
  const { t } = useTranslation();
  if (q.type === "fill_blank" || q.type === "true_false") {
    const text =
      q.type === "fill_blank"
        ? q.answer.join(" / ")
        : t(q.answer[0] === "true" ? "study.admin.trueLabel" : "study.admin.falseLabel");
    return (
      <Typography.Text type="success" data-testid="answer-key">
        {t("study.correctAnswer", { answer: text })}
      </Typography.Text>
    );
  }
  const shown = {
    id: q.id,
    type: q.type,
    stem: q.stem,
    options: q.options.map((text, i) => ({ key: String(i), text })),
  };
  return (
    <div data-testid="answer-key" style={{ fontSize: 13 }}>
      {reviewLines(shown, [], q.answer).map((l) => (
        <div key={l.key} style={l.correct ? { color: "#389e0d", fontWeight: 600 } : undefined}>
          {l.letter}. {l.text}
          {l.correct ? (
            <>
              {" "}
              <CheckOutlined aria-label={t("study.rightOption")} />
            </>
          ) : null}
        </div>
      ))}
    </div>
  );
}
