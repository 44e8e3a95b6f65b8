import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { encryptBallot, GRADE_ORDER, jointKey, voterContext } from "@wanggui/ballot";
import { Alert, App, Button, Card, Form, Grid, Input, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { applyApiError } from "../../../shared/form-errors";
import { DownloadButton } from "../../../shared/ui/DownloadButton";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../../shared/ui/PageSkeleton";
import {
  castVote,
  closeRound,
  decideRest,
  GRADES,
  type Grade,
  getRound,
  listPublishedBallots,
  type RoundDetail,
  roundResultsUrl,
  writeSummary,
} from "../review.api";
import { DecideModal, type PendingDecision } from "./DecideModal";
import { RoundMembers, shortCode } from "./RoundMembers";
import { RoundProgress } from "./RoundProgress";
import { TrusteePanel } from "./TrusteePanel";

function stateOf(r: RoundDetail): string {
  if (r.scheme === "plain") return `review.round.state.${r.status}`;
  if (r.status === "open")
    return r.jointKey ? "review.round.state.open" : "review.ballot.waitingKeys";
  return r.counted ? "review.ballot.counted" : "review.ballot.counting";
}

/** One round: the member's 个人总结 and secret votes; the org's close, counts and decisions. */
export function RoundPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const query = useQuery({ queryKey: ["review", "round", id], queryFn: () => getRound(id) });
  const set = (r: RoundDetail) => client.setQueryData(["review", "round", id], r);
  const narrow = !Grid.useBreakpoint().md;
  const [summaryForm] = Form.useForm<{ summary: string; suggestedGrade: Grade }>();
  const summary = useMutation({
    mutationFn: (v: { summary: string; suggestedGrade: Grade }) =>
      writeSummary(id, v.summary, v.suggestedGrade),
    onSuccess: (r) => {
      set(r);
      void message.success(t("review.round.summarySaved"));
    },
    onError: (e) => applyApiError(summaryForm, e, ["summary", "suggestedGrade"]),
  });
  // The grade is encrypted here, in the voter's browser, to the key the trustees made; the
  // server receives a ballot it cannot read (docs/adr/0015-encrypted-ballots.md).
  const vote = useMutation({
    mutationFn: async (v: { memberId: number; grade: Grade }) => {
      const round = query.data as RoundDetail;
      const keys = round.trustees.map((x) => x.publicKey ?? "");
      if (!round.jointKey || !round.me || jointKey(keys) !== round.jointKey) {
        throw new Error(t("review.ballot.keyMismatch"));
      }
      const context = voterContext(id, round.me.memberId, v.memberId);
      const ballot = encryptBallot(round.jointKey, context, GRADE_ORDER.indexOf(v.grade), 4);
      return castVote(id, { memberId: v.memberId, ballot });
    },
    onSuccess: (res) => {
      message.success(t("review.ballot.voteSaved", { code: shortCode(res.trackingCode) }));
      query.refetch();
    },
  });
  const check = useMutation({
    mutationFn: async () => {
      const published = new Set((await listPublishedBallots(id)).items.map((b) => b.trackingCode));
      const mine = (query.data?.members ?? []).flatMap((m) =>
        m.trackingCode ? [m.trackingCode] : [],
      );
      return { n: mine.length, missing: mine.filter((c) => !published.has(c)).length };
    },
    onSuccess: ({ n, missing }) =>
      missing === 0
        ? message.success(t("review.ballot.checkOk", { n }))
        : message.error(t("review.ballot.checkMissing", { n: missing })),
  });
  const close = useMutation({ mutationFn: () => closeRound(id), onSuccess: set });
  const rest = useMutation({
    mutationFn: (expected: number) => decideRest(id, { grade: "competent", expected }),
    onSuccess: (r) => {
      set(r);
      void message.success(t("review.round.decidedToast"));
    },
  });
  const [pending, setPending] = useState<PendingDecision | null>(null);

  if (query.isLoading) return <PageSkeleton />;
  const r = query.data;
  if (!r) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const me = r.members.find((m) => m.memberId === r.me?.memberId);
  const undecided = r.subjects - r.decided;
  const { voted, expected, withoutAccount } = r.turnout;
  // On a phone the state and buttons sit under the title, which then keeps its whole name.
  const headerActions = (
    <Space wrap>
      <Tag>{t(stateOf(r))}</Tag>
      {r.members.some((m) => m.trackingCode) && (
        <Button loading={check.isPending} onClick={() => check.mutate()}>
          {t("review.ballot.check")}
        </Button>
      )}
      {r.can.manage && r.status === "open" && (
        <Button
          danger
          onClick={() =>
            modal.confirm({
              title: t("review.round.closeConfirm"),
              content: (
                <>
                  <p>
                    {t("review.round.closeTurnout", { voted, expected, missing: expected - voted })}
                  </p>
                  {withoutAccount > 0 && (
                    <p>{t("review.round.withoutAccount", { n: withoutAccount })}</p>
                  )}
                </>
              ),
              onOk: () => close.mutateAsync(),
            })
          }
        >
          {t("review.round.close")}
        </Button>
      )}
      {r.status === "closed" && r.counted && r.can.manage && (
        <>
          <DownloadButton href={roundResultsUrl(r.id, "docx")}>
            {t("review.round.exportDocx")}
          </DownloadButton>
          <DownloadButton href={roundResultsUrl(r.id, "xlsx")}>
            {t("review.round.export")}
          </DownloadButton>
        </>
      )}
    </Space>
  );
  const restButton = r.can.manage && r.status === "closed" && r.counted && undecided > 0 && (
    <Button
      loading={rest.isPending}
      onClick={() =>
        modal.confirm({
          title: t("review.round.decideRestConfirm", { n: undecided }),
          content: t("review.round.decideRestHelp"),
          okText: t("review.round.decideOk"),
          onOk: () => rest.mutateAsync(undecided),
        })
      }
    >
      {t("review.round.decideRest")}
    </Button>
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={`${r.org.name} · ${r.year}`} extra={narrow ? null : headerActions}>
        {narrow && <div style={{ marginBottom: 12 }}>{headerActions}</div>}
        <RoundProgress r={r} narrow={narrow} />
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={t("review.round.secret")} />
        {r.me && !r.me.mayVote && (
          <Alert style={{ marginTop: 8 }} type="warning" title={t("review.round.noVote")} />
        )}
      </Card>
      <DecideModal
        roundId={r.id}
        pending={pending}
        onClose={() => setPending(null)}
        onSaved={(saved) => {
          set(saved);
          void message.success(t("review.round.decidedToast"));
        }}
      />
      <ErrorAlert error={check.error ?? close.error ?? rest.error} />
      {r.scheme === "encrypted" && (r.trustees.length > 0 || r.can.manage) && (
        <TrusteePanel r={r} onChange={set} />
      )}
      {me && r.status === "open" && (
        <Card title={t("review.round.summary")}>
          <Form
            form={summaryForm}
            layout="vertical"
            initialValues={{ summary: me.summary, suggestedGrade: me.suggestedGrade ?? undefined }}
            onFinish={(v) => summary.mutate(v)}
          >
            <Form.Item name="summary" rules={[{ required: true }]}>
              <Input.TextArea autoSize={{ minRows: 3 }} aria-label={t("review.round.summary")} />
            </Form.Item>
            <Form.Item
              name="suggestedGrade"
              label={t("review.round.suggested")}
              rules={[{ required: true }]}
            >
              <Select
                options={GRADES.map((g) => ({ value: g, label: t(`review.grade.${g}`) }))}
                style={{ maxWidth: 200 }}
              />
            </Form.Item>
            <Button htmlType="submit" loading={summary.isPending}>
              {t("review.round.saveSummary")}
            </Button>
          </Form>
        </Card>
      )}
      <Card title={t("review.round.members")} extra={narrow ? null : restButton}>
        {narrow && restButton && <div style={{ marginBottom: 12 }}>{restButton}</div>}
        {r.can.vote && (
          <Alert type="success" style={{ marginBottom: 12 }} title={t("review.round.tapToVote")} />
        )}
        <RoundMembers
          r={r}
          narrow={narrow}
          vote={{
            cast: (memberId, grade) => vote.mutate({ memberId, grade }),
            pending: vote.isPending,
            memberId: vote.variables?.memberId,
            error: vote.error,
          }}
          onDecide={setPending}
        />
        {r.followups.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            title={t("review.round.followup")}
            description={
              <>
                {r.followups
                  .map(
                    (f) =>
                      `${r.members.find((m) => m.memberId === f.memberId)?.name ?? ""}：${f.reason}`,
                  )
                  .join("；")}{" "}
                <Link to="/review/followups">{t("review.round.toFollowups")}</Link>
              </>
            }
          />
        )}
      </Card>
    </Space>
  );
}
