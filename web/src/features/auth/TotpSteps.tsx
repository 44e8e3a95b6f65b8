import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Input, QRCode, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applyApiError } from "../../shared/form-errors";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { confirmTotp, enrolTotp, verifyTotp } from "./auth.api";

const CODE_RULE = { pattern: /^\d{6}$/, message: "" };

function useCodeForm<T extends object>(send: (values: T) => Promise<void>, fields: string[]) {
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: T) => {
    setBusy(true);
    setError(null);
    try {
      await send(values);
    } catch (e) {
      if (!applyApiError(form, e, fields)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { form, error, busy, submit };
}

/** Administrators bind an authenticator app once: QR code, the same secret as text, then a code. */
export function TotpEnrolStep({ onDone }: { onDone: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  // The secret is generated once per visit; refetching would replace the one being scanned.
  const enrol = useQuery({
    queryKey: ["totp-enrol"],
    queryFn: enrolTotp,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const { form, error, busy, submit } = useCodeForm<{ code: string }>(
    async (values) => {
      const result = await confirmTotp(values);
      onDone(result.recoveryCodes);
    },
    ["code"],
  );
  if (enrol.isPending) return <PageSkeleton rows={4} />;
  if (enrol.error) return <ErrorAlert error={enrol.error} onRetry={() => void enrol.refetch()} />;
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Typography.Paragraph>{t("auth.totpEnrolIntro")}</Typography.Paragraph>
      <Space orientation="vertical" align="center" style={{ width: "100%" }}>
        <QRCode value={enrol.data.uri} size={180} />
      </Space>
      <Typography.Paragraph style={{ marginTop: 12 }}>
        {t("auth.totpSecret")}
        <Typography.Text code copyable data-testid="totp-secret">
          {enrol.data.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ wordBreak: "break-all", fontSize: 12 }}>
        <Typography.Text copyable data-testid="totp-uri">
          {enrol.data.uri}
        </Typography.Text>
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form.Item
        name="code"
        label={t("auth.totpCode")}
        rules={[{ required: true, ...CODE_RULE, message: t("auth.totpCodeRule") }]}
      >
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t("auth.totpConfirm")}
      </Button>
    </Form>
  );
}

/** Shown exactly once after enrolment: only digests stay on the server. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert
        type="warning"
        showIcon
        title={t("auth.recoveryTitle")}
        description={t("auth.recoveryBody")}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph copyable={{ text: codes.join("\n") }} data-testid="recovery-codes">
        <pre style={{ margin: 0, fontSize: 15, lineHeight: 1.8 }}>{codes.join("\n")}</pre>
      </Typography.Paragraph>
      <Button type="primary" block onClick={onDone}>
        {t("auth.recoverySaved")}
      </Button>
    </>
  );
}

export function TotpVerifyStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const { form, error, busy, submit } = useCodeForm<{ code?: string; recoveryCode?: string }>(
    async (values) => {
      await verifyTotp(
        useRecovery ? { recoveryCode: values.recoveryCode ?? "" } : { code: values.code ?? "" },
      );
      onDone();
    },
    ["code", "recoveryCode"],
  );
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <ErrorAlert error={error} />
      {useRecovery ? (
        <Form.Item
          name="recoveryCode"
          label={t("auth.recoveryCode")}
          rules={[{ required: true, message: t("auth.recoveryCodeRequired") }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      ) : (
        <Form.Item
          name="code"
          label={t("auth.totpCode")}
          rules={[{ required: true, ...CODE_RULE, message: t("auth.totpCodeRule") }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t("auth.verify")}
      </Button>
      <Button
        type="link"
        block
        onClick={() => setUseRecovery(!useRecovery)}
        style={{ marginTop: 8 }}
      >
        {useRecovery ? t("auth.useApp") : t("auth.useRecovery")}
      </Button>
    </Form>
  );
}
