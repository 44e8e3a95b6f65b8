import { Button, Card, Form, Input, Radio, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applyApiError, messageAt, unplacedError } from "../../shared/form-errors";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
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
        <Form.List name="assets">
          {(items, { add, remove }) => (
            <Space direction="vertical" style={{ width: "100%" }}>
              {items.map((item, i) => (
                <Card
                  key={item.key}
                  size="small"
                  title={t("registry.declare.item", { n: i + 1 })}
                  extra={
                    <Button size="small" type="link" danger onClick={() => remove(item.name)}>
                      {t("registry.declare.removeItem")}
                    </Button>
                  }
                >
                  <Form.Item
                    name={[item.name, "kind"]}
                    label={t("registry.declare.kindLabel")}
                    rules={[{ required: true }]}
                  >
                    <Select
                      options={ASSET_KINDS.map((k) => ({
                        value: k,
                        label: t(`registry.declare.assetKind.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "description"]}
                    label={t("registry.declare.description")}
                    rules={required}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "source"]}
                    label={t("registry.declare.source")}
                    rules={required}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "receivedOn"]}
                    label={t("registry.declare.receivedOn")}
                    rules={[{ required: true }]}
                  >
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "handover"]}
                    label={t("registry.declare.handover")}
                    rules={required}
                  >
                    <Input maxLength={300} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "handedOverOn"]}
                    label={t("registry.declare.handedOverOn")}
                  >
                    <Input type="date" />
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({})}>{t("registry.declare.addItem")}</Button>
            </Space>
          )}
        </Form.List>
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
        <Form.List name="activities">
          {(items, { add, remove }) => (
            <Space direction="vertical" style={{ width: "100%" }}>
              {items.map((item, i) => (
                <Card
                  key={item.key}
                  size="small"
                  title={t("registry.declare.item", { n: i + 1 })}
                  extra={
                    <Button size="small" type="link" danger onClick={() => remove(item.name)}>
                      {t("registry.declare.removeItem")}
                    </Button>
                  }
                >
                  <Form.Item
                    name={[item.name, "kind"]}
                    label={t("registry.declare.kindLabel")}
                    rules={[{ required: true }]}
                  >
                    <Select
                      options={ACTIVITY_KINDS.map((k) => ({
                        value: k,
                        label: t(`registry.declare.activityKind.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "description"]}
                    label={t("registry.declare.description")}
                    rules={required}
                  >
                    <Input.TextArea rows={2} maxLength={300} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "platform"]}
                    label={t("registry.declare.platform")}
                    rules={required}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "period"]}
                    label={t("registry.declare.activityPeriod")}
                    rules={required}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, "approval"]}
                    label={t("registry.declare.approval")}
                    extra={t("registry.declare.approvalHelp")}
                  >
                    <Input maxLength={300} />
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({})}>{t("registry.declare.addItem")}</Button>
            </Space>
          )}
        </Form.List>
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
