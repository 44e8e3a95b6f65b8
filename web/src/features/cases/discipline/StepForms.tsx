import { Form, Input, InputNumber, Radio, Select, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../../shared/ui/FormModal";
import {
  type DecisionInput,
  type DisciplineDetail,
  decide,
  dismiss,
  type NoticeInput,
  type ReviewInput,
  respond,
  reviewAppeal,
  serveNotice,
} from "./discipline.api";
import { ProvisionSelect } from "./ProvisionSelect";

export type StepName = "serve_notice" | "respond_defence" | "decide" | "dismiss" | "review_appeal";
const MEASURES = [
  "criticism",
  "reminder_talk",
  "admonition",
  "organizational",
  "warning",
  "serious_warning",
  "removal_from_post",
  "probation",
  "expulsion",
] as const;

const required = [{ required: true, whitespace: true }];

function MeasureSelect(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t } = useTranslation();
  return (
    <Select
      {...props}
      options={MEASURES.map((m) => ({ value: m, label: t(`discipline.measures.${m}`) }))}
    />
  );
}

function MeetingFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="decidedBy" label={t("discipline.form.decidedBy")} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="meetingName" label={t("discipline.form.meetingName")} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="meetingOn"
        label={t("discipline.form.meetingOn")}
        rules={[{ required: true }]}
      >
        <Input type="date" />
      </Form.Item>
    </>
  );
}

/** The points of the member's defence, from its record in the history. */
export function defencePoints(d: DisciplineDetail): string[] {
  const e = d.events.find((x) => x.kind === "submit_defence");
  return (e?.record?.points as string[] | undefined) ?? [];
}

/** One dialog per step, each sending its own record; the server's machine has the last word. */
export function StepForm({
  step,
  detail,
  onClose,
  onDone,
}: {
  step: StepName | null;
  detail: DisciplineDetail;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const id = detail.id;
  const common = {
    open: step !== null,
    onClose,
    title: step ? t(`discipline.steps.${step}`) : "",
  };
  const done = (send: () => Promise<unknown>) => async () => {
    await send();
    await onDone();
  };
  const confirm = (
    <Typography.Paragraph type="secondary">{t("discipline.form.confirm")}</Typography.Paragraph>
  );
  if (step === "serve_notice") {
    return (
      <FormModal<NoticeInput>
        {...common}
        fields={["facts", "defenceDays"]}
        initialValues={{ defenceDays: 7 }}
        onSubmit={(v) => done(() => serveNotice(id, v))()}
      >
        {() => (
          <>
            <Form.Item
              name="facts"
              label={t("discipline.form.facts")}
              extra={t("discipline.form.factsHelp")}
              rules={required}
            >
              <Input.TextArea rows={5} maxLength={10000} />
            </Form.Item>
            <Form.Item
              name="defenceDays"
              label={t("discipline.form.defenceDays")}
              rules={[{ required: true }]}
            >
              <InputNumber min={3} max={30} />
            </Form.Item>
            {confirm}
          </>
        )}
      </FormModal>
    );
  }
  if (step === "respond_defence") {
    const points = defencePoints(detail);
    return (
      <FormModal<{ responses: { adopted?: boolean; text: string }[] }>
        {...common}
        fields={["responses"]}
        initialValues={{ responses: points.map(() => ({ adopted: false, text: "" })) }}
        onSubmit={(v) =>
          done(() =>
            respond(id, {
              responses: v.responses.map((r, point) => ({
                point,
                adopted: Boolean(r.adopted),
                text: r.text,
              })),
            }),
          )()
        }
      >
        {() =>
          points.map((p, i) => (
            <div key={p}>
              <Typography.Paragraph
                strong
              >{`${t("discipline.form.point", { n: i + 1 })}：${p}`}</Typography.Paragraph>
              <Form.Item
                name={["responses", i, "adopted"]}
                label={t("discipline.form.adopted")}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
              <Form.Item
                name={["responses", i, "text"]}
                label={t("discipline.form.response")}
                rules={required}
              >
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
            </div>
          ))
        }
      </FormModal>
    );
  }
  if (step === "decide") {
    return (
      <FormModal<DecisionInput>
        {...common}
        fields={[
          "measure",
          "measureDetail",
          "provisionIds",
          "factsFound",
          "reasons",
          "decidedBy",
          "meetingName",
          "meetingOn",
          "appealDays",
        ]}
        initialValues={{ appealDays: 30, provisionIds: detail.cited.map((p) => p.id) }}
        onSubmit={(v) => done(() => decide(id, v))()}
      >
        {() => (
          <>
            <Form.Item
              name="measure"
              label={t("discipline.form.measure")}
              rules={[{ required: true }]}
            >
              <MeasureSelect />
            </Form.Item>
            <Form.Item name="measureDetail" label={t("discipline.form.measureDetail")}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="provisionIds"
              label={t("discipline.form.provisions")}
              rules={[{ required: true }]}
            >
              <ProvisionSelect conductOn={detail.conductOn} />
            </Form.Item>
            <Form.Item name="factsFound" label={t("discipline.form.factsFound")} rules={required}>
              <Input.TextArea rows={4} maxLength={10000} />
            </Form.Item>
            <Form.Item name="reasons" label={t("discipline.form.reasons")} rules={required}>
              <Input.TextArea rows={4} maxLength={10000} />
            </Form.Item>
            <MeetingFields />
            <Form.Item
              name="appealDays"
              label={t("discipline.form.appealDays")}
              rules={[{ required: true }]}
            >
              <InputNumber min={5} max={90} />
            </Form.Item>
            {confirm}
          </>
        )}
      </FormModal>
    );
  }
  if (step === "dismiss") {
    return (
      <FormModal<{ reasons: string }>
        {...common}
        danger
        fields={["reasons"]}
        onSubmit={(v) => done(() => dismiss(id, v.reasons))()}
      >
        {() => (
          <>
            <Form.Item name="reasons" label={t("discipline.form.dismissReasons")} rules={required}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            {confirm}
          </>
        )}
      </FormModal>
    );
  }
  return (
    <FormModal<ReviewInput>
      {...common}
      fields={[
        "outcome",
        "measure",
        "measureDetail",
        "reasons",
        "decidedBy",
        "meetingName",
        "meetingOn",
      ]}
      initialValues={{ outcome: "upheld" }}
      onSubmit={(v) => done(() => reviewAppeal(id, v))()}
    >
      {(form) => (
        <>
          <Form.Item
            name="outcome"
            label={t("discipline.form.outcome")}
            rules={[{ required: true }]}
          >
            <Radio.Group
              options={(["upheld", "changed", "revoked"] as const).map((o) => ({
                value: o,
                label: t(`discipline.form.outcomes.${o}`),
              }))}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() =>
              form.getFieldValue("outcome") === "changed" ? (
                <>
                  <Form.Item
                    name="measure"
                    label={t("discipline.form.newMeasure")}
                    rules={[{ required: true }]}
                  >
                    <MeasureSelect />
                  </Form.Item>
                  <Form.Item name="measureDetail" label={t("discipline.form.measureDetail")}>
                    <Input maxLength={100} />
                  </Form.Item>
                </>
              ) : null
            }
          </Form.Item>
          <Form.Item name="reasons" label={t("discipline.form.reasons")} rules={required}>
            <Input.TextArea rows={4} maxLength={10000} />
          </Form.Item>
          <MeetingFields />
          {confirm}
        </>
      )}
    </FormModal>
  );
}
