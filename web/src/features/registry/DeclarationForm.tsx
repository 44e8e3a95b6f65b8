import { Button, Form, Input, Radio, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applyApiError, messageAt, unplacedError } from "../../shared/form-errors";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { DeclarationItems } from "./DeclarationItems";
import type { DeclarationVersion, DeclareInput } from "./registry.api";

const FIELDS = ["assetsNone", "activitiesNone", "note", "changeNote"];
const ASSET_KINDS = ["account", "game_item", "virtual_currency", "other"] as const;
const ACTIVITY_KINDS = ["lending", "live_sales", "other"] as const;

/**
 * Both kinds of items, each answered 「无」 or listed one by one; an amendment starts from the
 * current version and asks why.
 */
export function DeclarationForm({
  from,
  onSubmit,
  onCancel,
}: {
  /** The version being amended; none for the first declaration. */
  from?: DeclarationVersion;
  onSubmit: (body: DeclareInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeclareInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const assetsNone = Form.useWatch("assetsNone", form);
  const activitiesNone = Form.useWatch("activitiesNone", form);
  const required = [{ required: true, whitespace: true }];
  const initial: Partial<DeclareInput> = from
    ? {
        assetsNone: from.assets.length === 0,
        assets: from.assets,
        activitiesNone: from.activities.length === 0,
        activities: from.activities,
        note: from.note ?? undefined,
      }
    : { assets: [], activities: [] };

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const blank = (s: string | undefined) => (s?.trim() ? s : undefined);
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        assetsNone: values.assetsNone,
        assets: values.assetsNone
          ? []
          : (values.assets ?? []).map((a) => ({ ...a, handedOverOn: blank(a.handedOverOn) })),
        activitiesNone: values.activitiesNone,
        activities: values.activitiesNone ? [] : (values.activities ?? []),
        note: blank(values.note),
        changeNote: blank(values.changeNote),
      });
    } catch (e) {
      if (!applyApiError(form, e, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const noneOrSome = (name: "assetsNone" | "activitiesNone", list: "assets" | "activities") => (
    <Form.Item name={name} rules={[{ required: true, message: t("registry.declare.choose") }]}>
      <Radio.Group
        onChange={(e) => {
          // Choosing 有 opens the first item at once, so there is something to fill in.
          if (e.target.value === false && (form.getFieldValue(list) ?? []).length === 0) {
            form.setFieldValue(list, [{}]);
          }
        }}
        options={[
          { value: true, label: t("registry.declare.none") },
          { value: false, label: t("registry.declare.some") },
        ]}
      />
    </Form.Item>
  );
  const listError = (field: string) => {
    const m = messageAt(error, field);
    return m ? <Typography.Text type="danger">{m}</Typography.Text> : null;
  };

  return (
    <Form
      form={form}
      layout="vertical"
      name="declare"
      initialValues={initial}
      requiredMark="optional"
    >
      <ErrorAlert
        error={
          messageAt(error, "assets") || messageAt(error, "activities")
            ? null
            : unplacedError(error, FIELDS)
        }
      />
      <Typography.Title level={5}>{t("registry.declare.assetsTitle")}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t("registry.declare.assetsHelp")}
      </Typography.Paragraph>
      {noneOrSome("assetsNone", "assets")}
      {assetsNone === false ? (
        <DeclarationItems
          list="assets"
          kinds={ASSET_KINDS}
          kindLabel={(k) => t(`registry.declare.assetKind.${k}`)}
          fields={[
            {
              name: "description",
              label: t("registry.declare.description"),
              input: <Input maxLength={200} />,
              required: "text",
            },
            {
              name: "source",
              label: t("registry.declare.source"),
              input: <Input maxLength={100} />,
              required: "text",
            },
            {
              name: "receivedOn",
              label: t("registry.declare.receivedOn"),
              input: <Input type="date" />,
              required: "value",
            },
            {
              name: "handover",
              label: t("registry.declare.handover"),
              input: <Input maxLength={300} />,
              required: "text",
            },
            {
              name: "handedOverOn",
              label: t("registry.declare.handedOverOn"),
              input: <Input type="date" />,
            },
          ]}
        />
      ) : null}
      {listError("assets")}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t("registry.declare.activitiesTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t("registry.declare.activitiesHelp")}
      </Typography.Paragraph>
      {noneOrSome("activitiesNone", "activities")}
      {activitiesNone === false ? (
        <DeclarationItems
          list="activities"
          kinds={ACTIVITY_KINDS}
          kindLabel={(k) => t(`registry.declare.activityKind.${k}`)}
          fields={[
            {
              name: "description",
              label: t("registry.declare.description"),
              input: <Input.TextArea rows={2} maxLength={300} />,
              required: "text",
            },
            {
              name: "platform",
              label: t("registry.declare.platform"),
              input: <Input maxLength={50} />,
              required: "text",
            },
            {
              name: "period",
              label: t("registry.declare.activityPeriod"),
              input: <Input maxLength={100} />,
              required: "text",
            },
            {
              name: "approval",
              label: t("registry.declare.approval"),
              input: <Input maxLength={300} />,
              extra: t("registry.declare.approvalHelp"),
            },
          ]}
        />
      ) : null}
      {listError("activities")}
      <Form.Item name="note" label={t("registry.declare.note")} style={{ marginTop: 24 }}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      {from ? (
        <Form.Item name="changeNote" label={t("registry.declare.changeNote")} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
      ) : null}
      <Space wrap>
        <Button type="primary" loading={busy} onClick={submit}>
          {from ? t("registry.declare.submitAmend") : t("registry.declare.submit")}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t("registry.declare.cancelAmend")}</Button> : null}
      </Space>
    </Form>
  );
}
