import { useQuery } from "@tanstack/react-query";
import { Card, Flex, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { getRanking } from "../study.api";

/** The branch's 30-day points ranking; nothing at all while the branch keeps rankings off. */
export function RankingCard() {
  const { t } = useTranslation();
  const ranking = useQuery({ queryKey: ["study", "ranking"], queryFn: getRanking });
  if (!ranking.data) return null;
  return (
    <Card
      size="small"
      title={`${t("study.ranking")} · ${ranking.data.orgName}`}
      style={{ marginTop: 12 }}
    >
      <List
        size="small"
        dataSource={ranking.data.items}
        renderItem={(r) => (
          <List.Item>
            <Flex justify="space-between" style={{ width: "100%" }}>
              <span>
                {r.rank}. {r.name}
              </span>
              <Typography.Text strong>{r.points}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
