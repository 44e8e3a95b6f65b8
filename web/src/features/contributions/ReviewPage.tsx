import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, List, Segmented, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadMore, useCursorList } from "../../shared/ui/cursor-list";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import {
  acceptWork,
  CONTRIBUTIONS_KEY,
  type Contribution,
  type ContributionState,
  listQueue,
  propose,
  returnWork,
} from "./contributions.api";
import { ProposeModal } from "./ProposeModal";
import { ReasonModal } from "./ReasonModal";
import { WorkItem } from "./WorkItem";

const TABS: ContributionState[] = ["pending", "accepted", "returned"];

/** 作品审核: the subtree's works, oldest first; accept, return, or propose a 表彰 from one. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [state, setState] = useState<ContributionState>("pending");
  const [returning, setReturning] = useState<Contribution | null>(null);
  const [proposing, setProposing] = useState<Contribution | null>(null);
  const list = useCursorList({
    queryKey: [...CONTRIBUTIONS_KEY, "queue", state],
    fetchPage: (after) => listQueue({ state, after }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: CONTRIBUTIONS_KEY });

  const accept = async (w: Contribution) => {
    const ok = await modal.confirm({
      title: t("contributions.review.acceptConfirm"),
      content: w.title,
      okText: t("contributions.review.accept"),
      cancelText: t("common.cancel"),
    });
    if (!ok) return;
    try {
      await acceptWork(w.id);
      message.success(t("contributions.review.accepted"));
    } catch (e) {
      message.error((e as Error).message);
    }
    await refresh();
  };

  const actions = (w: Contribution) => {
    if (w.can.review) {
      return [
        <Button key="accept" type="primary" size="small" onClick={() => accept(w)}>
          {t("contributions.review.accept")}
        </Button>,
        <Button key="return" size="small" onClick={() => setReturning(w)}>
          {t("contributions.review.return")}
        </Button>,
      ];
    }
    if (w.state === "accepted") {
      return [
        <Button key="propose" size="small" onClick={() => setProposing(w)}>
          {t("contributions.review.propose")}
        </Button>,
      ];
    }
    return undefined;
  };

  return (
    <Card title={t("contributions.review.title")}>
      <Typography.Paragraph type="secondary">
        {t("contributions.review.intro")}
      </Typography.Paragraph>
      <Segmented
        value={state}
        onChange={(v) => setState(v as ContributionState)}
        options={TABS.map((s) => ({ value: s, label: t(`contributions.state.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      {!list.isLoading && list.items.length === 0 ? (
        <EmptyState description={t("contributions.review.none")} />
      ) : (
        <List
          itemLayout="vertical"
          loading={list.isLoading}
          dataSource={list.items}
          renderItem={(w) => <WorkItem work={w} showMember actions={actions(w)} />}
        />
      )}
      <LoadMore list={list} />
      <ReasonModal
        open={returning !== null}
        title={t("contributions.review.returnTitle")}
        label={t("contributions.review.reason")}
        help={t("contributions.review.reasonHelp")}
        onClose={() => setReturning(null)}
        onSubmit={async (reason) => {
          if (!returning) return;
          await returnWork(returning.id, reason);
          message.success(t("contributions.review.returned"));
          setReturning(null);
          await refresh();
        }}
      />
      <ProposeModal
        from={proposing}
        onClose={() => setProposing(null)}
        onSubmit={async (body) => {
          await propose(body);
          message.success(t("contributions.commend.proposed"));
          setProposing(null);
          await refresh();
        }}
      />
    </Card>
  );
}
