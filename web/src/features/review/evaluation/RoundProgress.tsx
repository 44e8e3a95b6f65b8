import { Alert, Progress, Space, Steps, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RoundDetail } from "../review.api";

const STEPS = [
  { phase: "summary", due: "summaryDue" },
  { phase: "voting", due: "voteDue" },
  { phase: "deciding", due: "decideDue" },
] as const;

/**
 * 个人总结 → 投票 → 评定 with each step's last day, when voting opens or that it has closed, and
 * turnout (voted / expected).
 */
export function RoundProgress({ r, narrow }: { r: RoundDetail; narrow: boolean }) {
  const { t } = useTranslation();
  const current = r.phase === "done" ? STEPS.length : STEPS.findIndex((s) => s.phase === r.phase);
  const { voted, expected, withoutAccount } = r.turnout;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Steps
        size="small"
        direction={narrow ? "vertical" : "horizontal"}
        current={current}
        items={STEPS.map((s) => ({
          title: t(`review.round.phase.${s.phase}`),
          description: r.phaseDates[s.due]
            ? t("review.round.due", { date: r.phaseDates[s.due] })
            : undefined,
        }))}
      />
      {r.status === "open" && r.votingWindow.state === "before" && (
        <Alert
          type="info"
          showIcon
          title={t("review.round.votingOpensOn", { date: r.votingWindow.opensOn })}
        />
      )}
      {r.status === "open" && r.votingWindow.state === "after" && (
        <Alert
          type="warning"
          showIcon
          title={t("review.round.votingClosedOn", { date: r.votingWindow.closesOn })}
        />
      )}
      <div data-testid="turnout">
        <Space wrap size={[12, 4]}>
          <Progress
            type="circle"
            size={44}
            percent={expected === 0 ? 0 : Math.round((voted / expected) * 100)}
          />
          <Space direction="vertical" size={0}>
            <Typography.Text strong>
              {t("review.round.turnout", { voted, expected })}
            </Typography.Text>
            {withoutAccount > 0 && (
              <Typography.Text type="warning">
                {t("review.round.withoutAccount", { n: withoutAccount })}
              </Typography.Text>
            )}
          </Space>
        </Space>
      </div>
    </Space>
  );
}
