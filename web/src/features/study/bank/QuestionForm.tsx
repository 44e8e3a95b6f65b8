import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Checkbox, Flex, Form, Input, Modal, Radio, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applyApiError } from "../../../shared/form-errors";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import {
  createQuestion,
  editQuestion,
  listArticles,
  type Question,
  type QuestionEdited,
  type QuestionInput,
} from "../study.api";

const TYPES = ["single", "multiple", "true_false", "fill_blank"] as const;
type Type = (typeof TYPES)[number];
const letter = (i: number) => String.fromCharCode(65 + i);

const FIELDS = ["type", "stem", "options", "articleIds", "explanation"] as const;

interface Values {
  type: Type;
  stem: string;
  options: string[];
  single?: string;
  multiple?: string[];
  trueFalse?: "true" | "false";
  fill?: string[];
  articleIds: number[];
  explanation: string;
}

/** The form keeps one answer field per type, so switching type never carries a wrong shape. */
function toValues(q: Question | null): Partial<Values> {
  if (!q) return { type: "single", options: ["", ""], articleIds: [] };
  return {
    type: q.type,
    stem: q.stem,
    options: q.options.length > 0 ? q.options : ["", ""],
    single: q.type === "single" ? q.answer[0] : undefined,
    multiple: q.type === "multiple" ? q.answer : undefined,
    trueFalse: q.type === "true_false" ? (q.answer[0] as "true" | "false") : undefined,
    fill: q.type === "fill_blank" ? q.answer : undefined,
    articleIds: q.articleIds,
    explanation: q.explanation,
  };
}

function toBody(v: Values): Omit<QuestionInput, "orgId"> {
  const choice = v.type === "single" || v.type === "multiple";
  const answer =
    v.type === "single"
      ? [v.single ?? ""]
      : v.type === "multiple"
        ? (v.multiple ?? [])
        : v.type === "true_false"
          ? [v.trueFalse ?? ""]
          : (v.fill ?? []);
  return {
    type: v.type,
    stem: v.stem,
    options: choice ? v.options.map((o) => o.trim()) : [],
    answer,
    articleIds: v.articleIds,
    explanation: v.explanation,
  };
}

/**
 * Writes or edits one question by hand. Either way the result is a draft for a reviewer; an
 * approved question comes back as a revision (the server decides, the form only explains).
 */
export function QuestionForm({
  orgId,
  question,
  open,
  onClose,
  onSaved,
}: {
  orgId: number;
  question: Question | null;
  open: boolean;
  onClose: () => void;
  onSaved: (result: QuestionEdited | { id: number; revisionOf: null }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch("type", form) ?? question?.type ?? "single";
  const options = Form.useWatch("options", form) ?? [];
  const articles = useQuery({
    queryKey: ["study", "articles"],
    queryFn: listArticles,
    enabled: open,
  });
  const revises = question !== null && question.status === "approved";
  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const body = toBody(v);
      const result = question
        ? await editQuestion(question.id, body)
        : { ...(await createQuestion({ ...body, orgId })), revisionOf: null };
      form.resetFields();
      onSaved(result);
    } catch (e) {
      // The body's one `answer` is shown at the answer control of the chosen type.
      const answer = {
        single: "single",
        multiple: "multiple",
        true_false: "trueFalse",
        fill_blank: "fill",
      }[v.type];
      if (!applyApiError(form, e, FIELDS, { answer })) setError(e);
    } finally {
      setSaving(false);
    }
  };
  const choices = options.map((o, i) => ({
    value: String(i),
    label: `${letter(i)}. ${o || "…"}`,
  }));
  return (
    <Modal
      open={open}
      title={t(question ? "study.admin.editQuestion" : "study.admin.newQuestion")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      width={640}
      destroyOnHidden
    >
      {revises ? (
        <Alert
          type="info"
          showIcon
          title={t("study.admin.revisionHint")}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={toValues(question)}
        preserve={false}
      >
        <Form.Item name="type" label={t("study.admin.questionType")} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={TYPES.map((v) => ({ value: v, label: t(`study.type.${v}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="stem"
          label={t("study.admin.stem")}
          extra={type === "fill_blank" ? t("study.admin.stemBlankHint") : undefined}
          rules={[{ required: true, whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={3} data-testid="question-stem" />
        </Form.Item>
        {type === "single" || type === "multiple" ? (
          <Form.List name="options">
            {(fields, { add, remove }) => (
              <Form.Item label={t("study.admin.options")} required>
                {fields.map((field, i) => (
                  <Flex key={field.key} gap={8} align="baseline">
                    <span style={{ width: 16 }}>{letter(i)}</span>
                    <Form.Item
                      name={field.name}
                      style={{ flex: 1, marginBottom: 8 }}
                      rules={[{ required: true, whitespace: true, max: 300 }]}
                    >
                      <Input data-testid={`question-option-${i}`} />
                    </Form.Item>
                    {fields.length > 2 ? (
                      <MinusCircleOutlined
                        aria-label={`remove ${letter(i)}`}
                        onClick={() => remove(field.name)}
                      />
                    ) : null}
                  </Flex>
                ))}
                {fields.length < 8 ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")}>
                    {t("study.admin.addOption")}
                  </Button>
                ) : null}
              </Form.Item>
            )}
          </Form.List>
        ) : null}
        {type === "single" ? (
          <Form.Item name="single" label={t("study.admin.correct")} rules={[{ required: true }]}>
            <Radio.Group options={choices} />
          </Form.Item>
        ) : null}
        {type === "multiple" ? (
          <Form.Item
            name="multiple"
            label={t("study.admin.correct")}
            rules={[{ required: true, type: "array", min: 1 }]}
          >
            <Checkbox.Group options={choices} />
          </Form.Item>
        ) : null}
        {type === "true_false" ? (
          <Form.Item name="trueFalse" label={t("study.admin.correct")} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: "true", label: t("study.admin.trueLabel") },
                { value: "false", label: t("study.admin.falseLabel") },
              ]}
            />
          </Form.Item>
        ) : null}
        {type === "fill_blank" ? (
          <Form.Item
            name="fill"
            label={t("study.admin.fillAnswers")}
            rules={[{ required: true, type: "array", min: 1, max: 8 }]}
          >
            <Select mode="tags" open={false} suffixIcon={null} data-testid="question-fill" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="articleIds"
          label={t("study.admin.articles")}
          rules={[{ required: true, type: "array", min: 1 }]}
        >
          <Select
            mode="multiple"
            optionFilterProp="label"
            loading={articles.isPending}
            data-testid="question-articles"
            options={(articles.data?.items ?? []).map((a) => ({
              value: a.id,
              label: a.chapterHeading ? `${a.label}（${a.chapterHeading}）` : a.label,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="explanation"
          label={t("study.admin.explanationLabel")}
          rules={[{ required: true, whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={2} data-testid="question-explanation" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
