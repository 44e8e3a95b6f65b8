import { Alert, Descriptions, List, Radio, Select, Space, Table, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import { GRADES, type Grade, type RoundDetail } from "../review.api";
import type { PendingDecision } from "./DecideModal";

type Row = RoundDetail["members"][number];

/** The first 12 characters of a tracking code in groups of four, easy to compare by eye. */
export const shortCode = (code: string) => code.slice(0, 12).replace(/(.{4})(?!$)/g, "$1 ");

/**
 * The members of a round: a table on a desk, one card per member on a phone (as the meeting
 * page does), where a vote is one tap on a grade. A refused vote shows under that member.
 */
export function RoundMembers({
  r,
  narrow,
  vote,
  onDecide,
}: {
  r: RoundDetail;
  narrow: boolean;
  vote: {
    cast: (memberId: number, grade: Grade) => void;
    pending: boolean;
    memberId: number | undefined;
    error: unknown;
  };
  onDecide: (d: PendingDecision) => void;
}) {
  const { t } = useTranslation();
  const grades = GRADES.map((g) => ({ value: g, label: t(`review.grade.${g}`) }));
  const mayVoteOn = (m: Row) => r.can.vote && m.memberId !== r.me?.memberId;
  const voted = (m: Row) =>
    m.trackingCode && (
      <Tag color="green" title={`${t("review.ballot.tracking")} ${m.trackingCode}`}>
        {t("review.round.voted")} {shortCode(m.trackingCode)}
      </Tag>
    );
  const voteError = (m: Row) =>
    vote.memberId === m.memberId && vote.error ? (
      <Alert
        type="error"
        role="alert"
        showIcon
        style={{ marginTop: 4 }}
        title={vote.error instanceof ApiError ? vote.error.message : String(vote.error)}
      />
    ) : null;
  const voteSelect = (m: Row) => (
    <>
      <Space wrap>
        {voted(m)}
        <Select<Grade>
          size="small"
          style={{ width: 120 }}
          aria-label={`${t("review.round.vote")} ${m.name}`}
          placeholder={m.votedByMe ? t("review.round.changeVote") : t("review.round.vote")}
          options={grades}
          disabled={vote.pending}
          onChange={(grade) => vote.cast(m.memberId, grade)}
        />
      </Space>
      {voteError(m)}
    </>
  );
  const voteButtons = (m: Row) => (
    <fieldset
      aria-label={`${t("review.round.vote")} ${m.name}`}
      style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
    >
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        value={null}
        disabled={vote.pending}
        options={grades}
        onChange={(e) => vote.cast(m.memberId, e.target.value as Grade)}
        style={{ display: "flex", flexWrap: "wrap" }}
      />
      <div style={{ marginTop: 4 }}>{voted(m)}</div>
      {voteError(m)}
    </fieldset>
  );
  const tally = (m: Row): ReactNode => {
    if (m.tally) {
      // Each count kept whole: a phone wraps between grades, never inside one.
      return (
        <Space size={[8, 0]} wrap>
          {GRADES.map((g) => (
            <span key={g} style={{ whiteSpace: "nowrap" }}>
              {t(`review.grade.${g}`)} {m.tally?.[g] ?? 0}
            </span>
          ))}
        </Space>
      );
    }
    if (m.withheld) {
      return (
        <Typography.Text type="secondary">
          {t("review.round.withheld", { n: m.ballots, min: r.minBallotsForCounts })}
        </Typography.Text>
      );
    }
    return m.ballots === 0 ? (
      <Typography.Text type="secondary">{t("review.round.noBallots")}</Typography.Text>
    ) : null;
  };
  const decision = (m: Row): ReactNode =>
    r.can.manage && r.status === "closed" ? (
      <Space direction="vertical" size={4} style={{ width: narrow ? "100%" : undefined }}>
        <Select<Grade>
          size={narrow ? "middle" : "small"}
          style={{ width: narrow ? "100%" : 120 }}
          aria-label={`${t("review.round.finalGrade")} ${m.name}`}
          // null, not undefined: an uncontrolled Select would keep showing a grade the
          // server refused.
          value={m.finalGrade ?? null}
          placeholder={t("review.round.pickGrade")}
          options={grades}
          onChange={(grade) =>
            onDecide({ memberId: m.memberId, name: m.name, grade, reason: m.finalReason ?? "" })
          }
        />
        {m.finalReason && <span>{m.finalReason}</span>}
      </Space>
    ) : m.finalGrade ? (
      t(`review.grade.${m.finalGrade}`)
    ) : (
      "—"
    );
  const counted = r.members.some((m) => m.ballots !== null);

  if (narrow) {
    return (
      <List
        dataSource={r.members}
        renderItem={(m) => (
          <List.Item
            key={m.memberId}
            data-testid={`member-${m.memberId}`}
            style={{ display: "block" }}
          >
            <Descriptions
              size="small"
              column={1}
              title={m.name}
              extra={m.suggestedGrade ? <Tag>{t(`review.grade.${m.suggestedGrade}`)}</Tag> : null}
              items={[
                ...(m.summary ? [{ label: t("review.round.summary"), children: m.summary }] : []),
                ...(counted ? [{ label: t("review.round.tally"), children: tally(m) }] : []),
                ...(r.status === "closed"
                  ? [{ label: t("review.round.finalGrade"), children: decision(m) }]
                  : []),
              ]}
            />
            {mayVoteOn(m) && (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary" style={{ display: "block", marginBottom: 4 }}>
                  {t("review.round.yourVote")}
                </Typography.Text>
                {voteButtons(m)}
              </div>
            )}
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<Row>
      rowKey="memberId"
      dataSource={r.members}
      pagination={false}
      scroll={{ x: 720 }}
      expandable={{
        expandedRowRender: (m) => m.summary || "—",
        rowExpandable: (m) => Boolean(m.summary),
      }}
      columns={[
        {
          title: t("review.meeting.attendees"),
          dataIndex: "name",
          width: 90,
          fixed: "left" as const,
        },
        {
          title: t("review.round.suggested"),
          dataIndex: "suggestedGrade",
          render: (g: Grade | null) => (g ? t(`review.grade.${g}`) : "—"),
        },
        ...(r.can.vote
          ? [
              {
                title: t("review.round.vote"),
                render: (_: unknown, m: Row) => (mayVoteOn(m) ? voteSelect(m) : null),
              },
            ]
          : []),
        ...(counted
          ? [{ title: t("review.round.tally"), render: (_: unknown, m: Row) => tally(m) }]
          : []),
        { title: t("review.round.finalGrade"), render: (_: unknown, m: Row) => decision(m) },
      ]}
    />
  );
}
