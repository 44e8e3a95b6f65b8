import { Card } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../shared/ui/EmptyState";

/** The slot the regulation reader fills; the route and menu entry already exist. */
export function RegulationsPage() {
  const { t } = useTranslation();
  return (
    <Card title={t("menu.regulations")}>
      <EmptyState description={t("regulations.comingSoon")} />
    </Card>
  );
}
