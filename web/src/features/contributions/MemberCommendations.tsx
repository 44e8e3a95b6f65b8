import { useQuery } from "@tanstack/react-query";
import { List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { CommendationItem } from "./CommendationItem";
import { CONTRIBUTIONS_KEY, memberRecord } from "./contributions.api";

/** On a member's record: approved 表彰 and the count of accepted works (评先评优, Art 23). */
export function MemberCommendations({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const record = useQuery({
    queryKey: [...CONTRIBUTIONS_KEY, "record", memberId],
    queryFn: () => memberRecord(memberId),
  });
  return (
    <section data-testid="member-commendations">
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t("contributions.record.title")}
      </Typography.Title>
      <ErrorAlert error={record.error} onRetry={() => record.refetch()} />
      {record.data ? (
        <>
          <Typography.Text type="secondary">
            {t("contributions.record.accepted", { count: record.data.accepted.length })}
          </Typography.Text>
          <List
            size="small"
            locale={{ emptyText: t("contributions.commend.none") }}
            dataSource={record.data.commendations}
            renderItem={(c) => <CommendationItem c={c} />}
          />
        </>
      ) : null}
    </section>
  );
}
