import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, List, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../shared/session";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { CommendationItem } from "./CommendationItem";
import {
  CONTRIBUTIONS_KEY,
  type Contribution,
  listMine,
  memberRecord,
  reviseWork,
  submitWork,
  withdrawWork,
} from "./contributions.api";
import { WorkForm } from "./WorkForm";
import { WorkItem } from "./WorkItem";

/** 我的作品: the member reports their works, follows their review, and sees their 表彰. */
export function MyContributionsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const memberId = useSession().data?.user.memberId ?? null;
  // A returned or withdrawn work is never reopened: resubmitting makes a new work from its
  // fields, so the review history of the old one stays as it was.
  const [editing, setEditing] = useState<{ work: Contribution | null; copy: boolean } | null>(null);
  const mine = useQuery({ queryKey: [...CONTRIBUTIONS_KEY, "mine"], queryFn: listMine });
  const record = useQuery({
    queryKey: [...CONTRIBUTIONS_KEY, "record", memberId],
    queryFn: () => memberRecord(memberId ?? 0),
    enabled: memberId !== null,
  });
  const refresh = () => client.invalidateQueries({ queryKey: CONTRIBUTIONS_KEY });

  const withdraw = async (work: Contribution) => {
    const ok = await modal.confirm({
      title: t("contributions.mine.withdrawConfirm"),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
    });
    if (!ok) return;
    try {
      await withdrawWork(work.id);
      message.success(t("contributions.mine.withdrawn"));
    } catch (e) {
      message.error((e as Error).message);
    }
    await refresh();
  };

  return (
    <>
      <Card
        title={t("contributions.mine.title")}
        extra={
          <Button type="primary" onClick={() => setEditing({ work: null, copy: false })}>
            {t("contributions.mine.submit")}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          {t("contributions.mine.intro")}
        </Typography.Paragraph>
        <ErrorAlert error={mine.error} onRetry={() => mine.refetch()} />
        {mine.data?.items.length === 0 ? (
          <EmptyState description={t("contributions.mine.none")} />
        ) : (
          <List
            itemLayout="vertical"
            loading={mine.isLoading}
            dataSource={mine.data?.items ?? []}
            renderItem={(w) => (
              <WorkItem
                work={w}
                actions={
                  w.can.edit
                    ? [
                        <Button
                          key="edit"
                          size="small"
                          onClick={() => setEditing({ work: w, copy: false })}
                        >
                          {t("contributions.mine.edit")}
                        </Button>,
                        <Button key="withdraw" size="small" danger onClick={() => withdraw(w)}>
                          {t("contributions.mine.withdraw")}
                        </Button>,
                      ]
                    : w.state === "returned" || w.state === "withdrawn"
                      ? [
                          <Button
                            key="resubmit"
                            size="small"
                            onClick={() => setEditing({ work: w, copy: true })}
                          >
                            {t("contributions.mine.resubmit")}
                          </Button>,
                        ]
                      : undefined
                }
              />
            )}
          />
        )}
      </Card>
      <Card title={t("contributions.mine.commendations")} style={{ marginTop: 16 }}>
        <ErrorAlert error={record.error} onRetry={() => record.refetch()} />
        {record.data?.commendations.length === 0 ? (
          <EmptyState description={t("contributions.mine.noCommendations")} />
        ) : (
          <List
            itemLayout="vertical"
            loading={record.isLoading}
            dataSource={record.data?.commendations ?? []}
            renderItem={(c) => <CommendationItem c={c} />}
          />
        )}
      </Card>
      <WorkForm
        open={editing !== null}
        work={editing?.work ?? null}
        title={t(
          editing?.copy
            ? "contributions.mine.resubmit"
            : editing?.work
              ? "contributions.mine.edit"
              : "contributions.mine.submit",
        )}
        onClose={() => setEditing(null)}
        onSubmit={async (body) => {
          if (!editing?.work || editing.copy) {
            await submitWork(body);
            message.success(t("contributions.mine.submitted"));
          } else {
            await reviseWork(editing.work.id, body);
            message.success(t("contributions.mine.saved"));
          }
          setEditing(null);
          await refresh();
        }}
      />
    </>
  );
}
