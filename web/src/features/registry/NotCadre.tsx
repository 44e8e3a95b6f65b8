import { Result } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../shared/api";

/** The server refuses the cadre's pages to anyone not flagged as a cadre (Art 18-20). */
export const isNotCadre = (error: unknown) => error instanceof ApiError && error.status === 403;

export function NotCadre() {
  const { t } = useTranslation();
  return (
    <Result status="info" title={t("registry.notCadre")} subTitle={t("registry.notCadreHint")} />
  );
}
