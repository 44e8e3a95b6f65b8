import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Rectification } from "./review.api";

/** 已完成 / 已逾期 / 整改中, coloured the same on every list. */
export function RectificationState({ item }: { item: Rectification }) {
  const { t } = useTranslation();
  if (item.status === "done") return <Tag color="green">{t("review.rect.done")}</Tag>;
  if (item.overdue) return <Tag color="red">{t("review.rect.overdue")}</Tag>;
  return <Tag>{t("review.rect.open")}</Tag>;
}
