import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Divider,
  Form,
  Input,
  List,
  Space,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { FormModal } from "../../shared/ui/FormModal";
import { DeclarationHistory } from "./DeclarationHistory";
import { when } from "./format";
import { type FindingInput, getDeclaration, REGISTRY_KEY, recordFinding } from "./registry.api";

/**
 * A cadre's declaration as an overseer reads it: every version, the findings recorded on it
 * and a new one. A finding marked 需立案审查 stays visible here; the case is opened elsewhere.
 */
export function DeclarationReview() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const id = Number(useParams().id);
  const [recording, setRecording] = useState(false);
  const query = useQuery({
    queryKey: [...REGISTRY_KEY, "declaration", id],
    queryFn: () => getDeclaration(id),
    enabled: Number.isInteger(id) && id > 0,
  });
  const d = query.data;
  return (
    <Card
      loading={query.isLoading}
      title={
        d
          ? `${d.member.name}${d.member.position ? `（${d.member.position}）` : ""} · ${d.campaign.title}`
          : t("registry.declare.title")
      }
      extra={
        <Link
          to={
            d ? `/registry-admin/declarations/${d.campaign.id}` : "/registry-admin?tab=declarations"
          }
        >
          <Button>{t("registry.oversee.back")}</Button>
        </Link>
      }
    >
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      {d ? (
        <>
          <Typography.Paragraph type="secondary">
            {`${d.orgTrail} · ${t("registry.declare.period", { from: d.campaign.periodFrom, to: d.campaign.periodTo })}`}
          </Typography.Paragraph>
          <DeclarationHistory d={d} />
          <Divider />
          <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("registry.finding.title")}
            </Typography.Title>
            {d.can.recordFinding ? (
              <Button type="primary" onClick={() => setRecording(true)}>
                {t("registry.finding.record")}
              </Button>
            ) : null}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t("registry.finding.hint")}
          </Typography.Paragraph>
          {d.findings.length === 0 ? (
            <Typography.Text type="secondary">{t("registry.finding.none")}</Typography.Text>
          ) : (
            <List
              dataSource={d.findings}
              renderItem={(f) => (
                <List.Item>
                  <Space direction="vertical" size={2} style={{ width: "100%" }}>
                    {f.referToCase ? (
                      <Alert type="error" showIcon title={t("registry.finding.referToCase")} />
                    ) : null}
                    <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                      {f.finding}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {t("registry.finding.line", {
                        version: f.version,
                        by: f.recordedBy,
                        at: when(f.recordedAt),
                      })}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
          <FormModal<FindingInput>
            open={recording}
            title={t("registry.finding.record")}
            fields={["finding", "referToCase"]}
            initialValues={{ referToCase: false }}
            onClose={() => setRecording(false)}
            onSubmit={async (v) => {
              await recordFinding(id, { finding: v.finding, referToCase: v.referToCase ?? false });
              message.success(t("registry.finding.recorded"));
              setRecording(false);
              await client.invalidateQueries({ queryKey: REGISTRY_KEY });
            }}
          >
            {() => (
              <>
                <Typography.Paragraph type="secondary">
                  {t("registry.finding.hint")}
                </Typography.Paragraph>
                <Form.Item
                  name="finding"
                  label={t("registry.finding.text")}
                  rules={[{ required: true, whitespace: true }]}
                >
                  <Input.TextArea rows={4} maxLength={2000} />
                </Form.Item>
                <Form.Item
                  name="referToCase"
                  valuePropName="checked"
                  extra={t("registry.finding.referHelp")}
                >
                  <Checkbox>{t("registry.finding.referToCase")}</Checkbox>
                </Form.Item>
              </>
            )}
          </FormModal>
        </>
      ) : null}
    </Card>
  );
}
