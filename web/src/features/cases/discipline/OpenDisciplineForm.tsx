import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, InputNumber, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { applyApiError } from "../../../shared/form-errors";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { searchMembers } from "../cases.api";
import { DISCIPLINE_KEY, type OpenInput, openDiscipline } from "./discipline.api";
import { ProvisionSelect } from "./ProvisionSelect";

const FIELDS = ["origin", "memberId", "meetingId", "conductOn", "provisionIds", "allegation"];
const ORIGINS = ["direct", "review_meeting", "report", "protection"] as const;

/**
 * 立案: the member (or the case it comes from, which names them), the date of the conduct,
 * and the provisions of the version in force then. A case that comes from a report or a
 * protection case arrives here with `?origin=…&from=…` from that case's page.
 */
export function OpenDisciplineForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const from = Number(params.get("from")) || undefined;
  const linked = params.get("origin");
  const [form] = Form.useForm<OpenInput>();
  const origin = Form.useWatch("origin", form);
  const conductOn = Form.useWatch("conductOn", form);
  const [members, setMembers] = useState<{ value: number; label: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const search = async (name: string) => {
    if (name.trim() === "") return;
    const page = await searchMembers(name.trim()).catch(() => ({ items: [] }));
    setMembers(page.items.map((m) => ({ value: m.id, label: `${m.name}（${m.org.name}）` })));
  };
  const submit = async (values: OpenInput) => {
    setBusy(true);
    setError(null);
    try {
      const done = await openDiscipline({ ...values, fromCaseId: from });
      await client.invalidateQueries({ queryKey: DISCIPLINE_KEY });
      message.success(t("discipline.open.done", { number: done.number }));
      navigate(`/discipline/${done.id}`);
    } catch (e) {
      if (!applyApiError(form, e, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fromCase = origin === "report" || origin === "protection";
  return (
    <Card title={t("discipline.open.title")} style={{ maxWidth: 760 }}>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          origin: linked === "report" || linked === "protection" ? linked : "direct",
        }}
        onFinish={submit}
      >
        <Form.Item name="origin" label={t("discipline.open.origin")} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(from)}
            options={ORIGINS.filter(
              (o) => Boolean(from) === (o === "report" || o === "protection"),
            ).map((o) => ({
              value: o,
              label: t(`discipline.open.origins.${o}`),
            }))}
          />
        </Form.Item>
        {fromCase ? (
          <Typography.Paragraph type="secondary">
            {t("discipline.open.fromCase", { id: from })} {t("discipline.open.fromHelp")}
          </Typography.Paragraph>
        ) : (
          <Form.Item
            name="memberId"
            label={t("discipline.open.member")}
            rules={[{ required: true }]}
          >
            <Select
              showSearch
              filterOption={false}
              onSearch={search}
              options={members}
              placeholder={t("discipline.open.memberSearch")}
            />
          </Form.Item>
        )}
        {origin === "review_meeting" ? (
          <Form.Item
            name="meetingId"
            label={t("discipline.open.meetingId")}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} style={{ width: "100%" }} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="conductOn"
          label={t("discipline.open.conductOn")}
          extra={t("discipline.open.conductHelp")}
          rules={[{ required: true }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="provisionIds"
          label={t("discipline.open.provisions")}
          rules={[{ required: true }]}
        >
          <ProvisionSelect conductOn={conductOn} />
        </Form.Item>
        <Form.Item
          name="allegation"
          label={t("discipline.open.allegation")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t("discipline.open.submit")}
        </Button>
      </Form>
    </Card>
  );
}
