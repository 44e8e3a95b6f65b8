import { Alert, Button, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applyApiError } from "../../shared/form-errors";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { changePassword } from "./auth.api";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** First sign-in: the one-time password must be replaced before anything else opens. */
export function ChangePasswordStep({
  knownPassword,
  onDone,
}: {
  knownPassword: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword({
        currentPassword: knownPassword ?? values.currentPassword,
        newPassword: values.newPassword,
      });
      onDone();
    } catch (e) {
      if (!applyApiError(form, e, ["currentPassword", "newPassword"])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Alert
        type="warning"
        showIcon
        title={t("auth.mustChange")}
        description={t("auth.policy")}
        style={{ marginBottom: 16 }}
      />
      <ErrorAlert error={error} />
      {knownPassword === null && (
        <Form.Item
          name="currentPassword"
          label={t("auth.currentPassword")}
          rules={[{ required: true, message: t("auth.passwordRequired") }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      )}
      <Form.Item
        name="newPassword"
        label={t("auth.newPassword")}
        rules={[{ required: true, message: t("auth.passwordRequired") }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("auth.confirmPassword")}
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: t("auth.passwordRequired") },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue("newPassword")
                ? Promise.resolve()
                : Promise.reject(new Error(t("auth.mismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t("auth.savePassword")}
      </Button>
    </Form>
  );
}
