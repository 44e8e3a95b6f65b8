import { Alert, Button, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applyApiError } from "../../shared/form-errors";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { login } from "./auth.api";

interface Values {
  username: string;
  password: string;
}

export function PasswordStep({
  notice,
  onDone,
}: {
  notice?: string;
  onDone: (password: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await login(values);
      onDone(values.password);
    } catch (e) {
      // Wrong credentials name no field on purpose (no hint which half was wrong).
      if (!applyApiError(form, e, ["username", "password"])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      {notice && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={error} />
      <Form.Item
        name="username"
        label={t("auth.username")}
        rules={[{ required: true, message: t("auth.usernameRequired") }]}
      >
        <Input autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item
        name="password"
        label={t("auth.password")}
        rules={[{ required: true, message: t("auth.passwordRequired") }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t("auth.signIn")}
      </Button>
    </Form>
  );
}
