import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";

/** A failed load or action, with the server's own (already localized) message when it sent one. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t("common.networkError");
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={message}
      style={{ marginBottom: 16 }}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
