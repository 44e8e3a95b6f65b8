import { App, Button, Card, DatePicker, Form, Input, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { applyApiError } from "../../shared/form-errors";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { applyProtection, type ProtectionKind } from "./cases.api";
import { PROTECTION_KIND_CODES } from "./codes";

interface Values {
  kind: ProtectionKind;
  happenedOn: Dayjs;
  description: string;
  links?: string;
  request: string;
}
const FIELDS = ["kind", "happenedOn", "description", "links", "request"];

/** 澄清正名与保护 (Art 24): what happened, where, and what the member asks for. */
export function ProtectionForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const receipt = await applyProtection({
        kind: v.kind,
        happenedOn: v.happenedOn.format("YYYY-MM-DD"),
        description: v.description,
        links: (v.links ?? "")
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
        request: v.request,
      });
      message.success(t("cases.protection.received", { number: receipt.number }), 6);
      navigate(`/my-cases/${receipt.id}`);
    } catch (e) {
      if (!applyApiError(form, e, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("cases.protection.title")}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: "cyber_violence", happenedOn: dayjs() }}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="kind" label={t("cases.protection.kind")} rules={[{ required: true }]}>
          <Select
            options={PROTECTION_KIND_CODES.map((k) => ({ value: k, label: t(`cases.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="happenedOn"
          label={t("cases.protection.happenedOn")}
          rules={[{ required: true }]}
        >
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t("cases.protection.description")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={5} maxLength={5000} />
        </Form.Item>
        <Form.Item name="links" label={t("cases.protection.links")}>
          <Input.TextArea rows={3} inputMode="url" />
        </Form.Item>
        <Form.Item
          name="request"
          label={t("cases.protection.request")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("cases.protection.submit")}
        </Button>
      </Form>
    </Card>
  );
}
