import { Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Rectification } from "../review.api";

/**
 * 已销号 / 待销号 / 已逾期 / 整改中, coloured the same on every list, with the secretary's
 * reason under an item that was returned.
 */
export function RectificationState({ item }: { item: Rectification }) {
  const { t } = useTranslation();
  const tag =
    item.status === "closed" ? (
      <Tag color="green">{t("review.rect.closed")}</Tag>
    ) : item.status === "done" ? (
      <Tag color="gold">{t("review.rect.done")}</Tag>
    ) : item.overdue ? (
      <Tag color="red">{t("review.rect.overdue")}</Tag>
    ) : (
      <Tag>{t("review.rect.open")}</Tag>
    );
  if (item.status !== "open" || !item.reviewComment) return tag;
  return (
    <Flex vertical gap={2} align="flex-start">
      {tag}
      <Typography.Text type="warning">
        {t("review.rect.returnedWith", { reason: item.reviewComment })}
      </Typography.Text>
    </Flex>
  );
}
