import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";

/**
 * What a page that threw shows instead of the router's developer screen in English: a plain
 * message in the user's language and a way back, with the menu still beside it.
 */
export function PageCrash() {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t("common.crashTitle")}
      subTitle={t("common.crashHint")}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t("common.reload")}
        </Button>
      }
    />
  );
}
