import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { CaseTimeline } from "./CaseTimeline";
import { CASES_KEY, getMine, messageHandlers, uploadMyFile } from "./cases.api";
import { EvidenceUpload } from "./EvidenceUpload";
import { FiledFacts } from "./FiledFacts";

/** A filer's own case: where it stands, the reply, and a way to add information or evidence. */
export function MyCaseView() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const key = [...CASES_KEY, "mine", id];
  const query = useQuery({ queryKey: key, queryFn: () => getMine(id) });
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const send = useMutation({
    mutationFn: (text: string) => messageHandlers(id, text),
    onSuccess: async () => {
      form.resetFields();
      message.success(t("cases.detail.sent"));
      await refresh();
    },
  });
  const c = query.data;
  return (
    <Card title={c ? c.number : t("cases.mine.title")} loading={query.isLoading}>
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {c ? (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {c.title}
          </Typography.Title>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: "state", label: t("cases.detail.state"), children: <Tag>{c.stateLabel}</Tag> },
              { key: "opened", label: t("cases.detail.openedOn"), children: c.openedOn },
              { key: "org", label: t("cases.detail.org"), children: c.orgName },
              ...(c.outcomeLabel
                ? [{ key: "outcome", label: t("cases.detail.outcome"), children: c.outcomeLabel }]
                : []),
            ]}
          />
          <Card size="small" title={t("cases.detail.filed")}>
            <FiledFacts filed={c.filed} />
          </Card>
          <Card size="small" title={t("cases.detail.history")}>
            <CaseTimeline events={c.events} filerView />
          </Card>
          <Card size="small" title={t("cases.detail.files")}>
            {c.files.map((f) => (
              <div key={f.id}>{f.fileName}</div>
            ))}
            {c.can.message ? (
              <EvidenceUpload send={(f) => uploadMyFile(id, f)} onDone={refresh} />
            ) : null}
          </Card>
          {c.can.message ? (
            <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v.text)}>
              <Form.Item
                name="text"
                label={t("cases.detail.yourMessage")}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
              <ErrorAlert error={send.error} />
              <Button htmlType="submit" loading={send.isPending}>
                {t("cases.detail.send")}
              </Button>
            </Form>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}
