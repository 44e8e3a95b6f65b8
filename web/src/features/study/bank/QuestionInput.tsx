import { Checkbox, Input, Radio, Space } from "antd";
import { useTranslation } from "react-i18next";

export interface ShownQuestion {
  id: number;
  type: "single" | "multiple" | "true_false" | "fill_blank";
  stem: string;
  options: { key: string; text: string }[];
}

const LETTERS = "ABCDEF";

/** One question's answer control, large enough to tap on a phone. */
export function QuestionInput({
  question,
  value,
  onChange,
  disabled,
}: {
  question: ShownQuestion;
  value: string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const label = (i: number, text: string) =>
    question.type === "true_false" ? text : `${LETTERS[i] ?? ""}. ${text}`;
  if (question.type === "fill_blank") {
    return (
      <Input
        size="large"
        value={value[0] ?? ""}
        placeholder={t("study.fillPlaceholder")}
        disabled={disabled}
        maxLength={200}
        onChange={(e) => onChange(e.target.value ? [e.target.value] : [])}
      />
    );
  }
  if (question.type === "multiple") {
    return (
      <Checkbox.Group
        value={value}
        disabled={disabled}
        onChange={(v) => onChange(v as string[])}
        style={{ width: "100%" }}
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          {question.options.map((o, i) => (
            <Checkbox key={o.key} value={o.key} style={{ padding: "6px 0" }}>
              {label(i, o.text)}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
    );
  }
  return (
    <Radio.Group
      value={value[0]}
      disabled={disabled}
      onChange={(e) => onChange([e.target.value])}
      style={{ width: "100%" }}
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        {question.options.map((o, i) => (
          <Radio key={o.key} value={o.key} style={{ padding: "6px 0" }}>
            {label(i, o.text)}
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}
