import { Checkbox, Form, Input, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../shared/ui/FormModal";
import type { CaseDetail, StepInput } from "./cases.api";

/** Which fields each step asks for; the server refuses a step without what it requires. */
const STEP_FIELDS: Record<string, readonly (keyof StepInput)[]> = {
  accept: ["note"],
  forward: ["destination", "reference", "note"],
  close: ["outcome", "feedback", "note"],
  decline: ["outcome", "feedback", "note"],
  mark_duplicate: ["duplicateOf", "feedback", "note"],
  record_measures: ["note"],
  publish_clarification: ["statement", "scope", "note", "consent"],
};
const REQUIRED: Record<string, readonly string[]> = {
  forward: ["destination"],
  close: ["outcome", "feedback"],
  decline: ["outcome", "feedback"],
  mark_duplicate: ["duplicateOf", "feedback"],
  record_measures: ["note"],
  publish_clarification: ["statement", "scope", "note", "consent"],
};
const SCOPES = ["own_org", "parent_org"] as const;

export function StepModal({
  step,
  detail,
  onSubmit,
  onClose,
}: {
  step: string | null;
  detail: CaseDetail;
  onSubmit: (values: StepInput) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fields = step ? (STEP_FIELDS[step] ?? []) : [];
  const required = (f: string) => Boolean(step && REQUIRED[step]?.includes(f));
  return (
    <FormModal<StepInput>
      open={step !== null}
      title={step ? t(`cases.steps.${step}`) : ""}
      fields={fields}
      onSubmit={onSubmit}
      onClose={onClose}
      danger={step === "decline"}
    >
      {() => (
        <>
          {fields.includes("destination") ? (
            <Form.Item
              name="destination"
              label={t("cases.steps.destination")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          ) : null}
          {fields.includes("reference") ? (
            <Form.Item name="reference" label={t("cases.steps.reference")}>
              <Input maxLength={200} />
            </Form.Item>
          ) : null}
          {fields.includes("duplicateOf") ? (
            <Form.Item
              name="duplicateOf"
              label={t("cases.steps.duplicateOf")}
              extra={t("cases.steps.duplicateOfHelp")}
              rules={[{ required: true }]}
            >
              <Select options={detail.related.map((r) => ({ value: r.id, label: r.number }))} />
            </Form.Item>
          ) : null}
          {fields.includes("outcome") ? (
            <Form.Item name="outcome" label={t("cases.steps.outcome")} rules={[{ required: true }]}>
              <Select options={detail.outcomes.map((o) => ({ value: o.code, label: o.label }))} />
            </Form.Item>
          ) : null}
          {fields.includes("feedback") ? (
            <Form.Item
              name="feedback"
              label={t("cases.steps.feedback")}
              extra={t("cases.steps.feedbackHelp")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          ) : null}
          {fields.includes("statement") ? (
            <Form.Item
              name="statement"
              label={t("cases.steps.statement")}
              extra={t("cases.steps.statementHelp")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          ) : null}
          {fields.includes("scope") ? (
            <Form.Item name="scope" label={t("cases.steps.scope")} rules={[{ required: true }]}>
              <Radio.Group
                options={SCOPES.map((s) => ({ value: s, label: t(`cases.scopes.${s}`) }))}
              />
            </Form.Item>
          ) : null}
          {fields.includes("note") ? (
            <Form.Item
              name="note"
              label={t("cases.steps.note")}
              rules={[{ required: required("note"), whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          ) : null}
          {fields.includes("consent") ? (
            <Form.Item
              name="consent"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, v) =>
                    v ? Promise.resolve() : Promise.reject(new Error(t("cases.steps.consent"))),
                },
              ]}
            >
              <Checkbox>{t("cases.steps.consent")}</Checkbox>
            </Form.Item>
          ) : null}
        </>
      )}
    </FormModal>
  );
}
