import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  List,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { applyApiError, unplacedError } from "../../shared/form-errors";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { platformName, when } from "./format";
import { isNotCadre, NotCadre } from "./NotCadre";
import {
  MINE_KEY,
  myAccounts,
  myAttestations,
  REGISTRY_KEY,
  signAttestation,
} from "./registry.api";

const FIELDS = ["confirm", "password"];

/**
 * The year's attestation: the register as it stands now, the statement ticked, and the
 * sign-in password as the signature. Once signed, the page shows what was signed and when.
 */
export function AttestPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const id = Number(useParams().id);
  const [form] = Form.useForm<{ confirm: boolean; password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const attestations = useQuery({
    queryKey: [...MINE_KEY, "attestations"],
    queryFn: myAttestations,
    retry: false,
  });
  const accounts = useQuery({
    queryKey: [...MINE_KEY, "accounts"],
    queryFn: myAccounts,
    retry: false,
  });
  if (isNotCadre(attestations.error)) return <NotCadre />;
  const mine = attestations.data?.items.find((a) => a.campaign.id === id);
  const active = (accounts.data?.items ?? []).filter((a) => a.current.status === "active");
  const closed = (accounts.data?.items ?? []).filter((a) => a.current.status === "closed");

  const sign = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await signAttestation(id, values.password);
      message.success(t("registry.attest.signed"));
      form.resetFields();
      await client.invalidateQueries({ queryKey: REGISTRY_KEY });
    } catch (e) {
      // Cleared first: setting the value would clear the error the server put on the field.
      form.setFieldValue("password", "");
      if (!applyApiError(form, e, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      loading={attestations.isLoading}
      title={
        mine ? `${t("registry.attest.title")} · ${mine.campaign.title}` : t("registry.attest.title")
      }
      extra={
        <Link to="/registry">
          <Button>{t("registry.account.back")}</Button>
        </Link>
      }
    >
      <ErrorAlert error={attestations.error ?? accounts.error} />
      {!attestations.isLoading && !mine ? (
        <Alert type="warning" showIcon title={t("registry.attest.notFound")} />
      ) : null}
      {mine ? (
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <Typography.Text type="secondary">
            {`${mine.campaign.orgName} · ${t("registry.attest.due", { at: mine.campaign.dueOn })}`}
          </Typography.Text>
          {mine.signedAt ? (
            <Alert
              type="success"
              showIcon
              title={t("registry.attest.signed")}
              description={
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t("registry.attest.statement")}>
                    {mine.statement}
                  </Descriptions.Item>
                  <Descriptions.Item label={t("registry.attest.signedTime")}>
                    {when(mine.signedAt)}
                  </Descriptions.Item>
                </Descriptions>
              }
            />
          ) : (
            <>
              <Typography.Title level={5}>{t("registry.attest.accounts")}</Typography.Title>
              {active.length === 0 ? (
                <Alert
                  type="info"
                  title={t("registry.attest.noAccounts")}
                  description={t("registry.attest.noAccountsHint")}
                />
              ) : (
                <List
                  bordered
                  size="small"
                  dataSource={[...active, ...closed]}
                  renderItem={(a) => (
                    <List.Item>
                      <Space wrap size={4}>
                        <Tag color={a.current.status === "active" ? "green" : "default"}>
                          {t(`registry.status.${a.current.status}`)}
                        </Tag>
                        <strong>{a.current.name}</strong>
                        <span>{platformName(t, a.current)}</span>
                        <span>{a.current.handle}</span>
                        <span>{t("registry.account.version", { version: a.current.version })}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
              <Link to="/registry">{t("registry.attest.editAccounts")}</Link>
              <ErrorAlert error={unplacedError(error, FIELDS)} />
              <Form form={form} layout="vertical" name="attest" requiredMark={false}>
                <Form.Item
                  name="confirm"
                  valuePropName="checked"
                  rules={[
                    {
                      validator: (_, v) =>
                        v
                          ? Promise.resolve()
                          : Promise.reject(new Error(t("registry.attest.confirmRequired"))),
                    },
                  ]}
                >
                  <Checkbox>{t("registry.attest.confirm")}</Checkbox>
                </Form.Item>
                <Form.Item
                  name="password"
                  label={t("registry.attest.password")}
                  extra={t("registry.attest.passwordHelp")}
                  rules={[{ required: true, message: t("registry.attest.passwordRequired") }]}
                >
                  <Input.Password autoComplete="current-password" style={{ maxWidth: 360 }} />
                </Form.Item>
                <Button type="primary" loading={busy} onClick={sign}>
                  {t("registry.attest.sign")}
                </Button>
              </Form>
            </>
          )}
        </Space>
      ) : null}
    </Card>
  );
}
