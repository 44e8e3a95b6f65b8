import { Card, Tag, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DisciplineDetail } from "./discipline.api";

type Event = DisciplineDetail["events"][number];

/** The words of one record, as the handlers read them in the history. */
function recordText(e: Event, t: (k: string) => string): string[] {
  const r = e.record ?? {};
  const str = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : "");
  switch (e.kind) {
    case "filed":
      return [str("allegation")];
    case "note":
      return [
        `${t(`discipline.view.recordKind.${String(e.meta.record ?? "finding")}`)}：${str("text")}`,
      ];
    case "serve_notice":
      return [str("facts"), `${t("discipline.view.defenceDue")}：${str("defenceDueOn")}`];
    case "submit_defence":
      return ((r.points as string[] | undefined) ?? []).map((p, i) => `${i + 1}. ${p}`);
    case "respond_defence":
      return (
        (r.responses as { point: number; adopted: boolean; text: string }[] | undefined) ?? []
      ).map(
        (x) =>
          `${x.point + 1}. ${x.adopted ? t("discipline.mine.adopted") : t("discipline.mine.notAdopted")}：${x.text}`,
      );
    case "decide":
      return [t(`discipline.measures.${str("measure")}`), str("reasons")];
    case "review_appeal":
      return [t(`discipline.form.outcomes.${str("outcome")}`), str("reasons")];
    case "dismiss":
    case "appeal":
      return [str("reasons")];
    default:
      return [];
  }
}

/** Every event of the case, newest last, marking what the member also reads. */
export function DisciplineTimeline({ d }: { d: DisciplineDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t("discipline.view.timeline")} size="small">
      <Timeline
        items={d.events.map((e) => ({
          key: e.id,
          children: (
            <>
              <Typography.Text strong>
                {t(`discipline.events.${e.kind}`, { defaultValue: e.kind })}
              </Typography.Text>{" "}
              <Tag color={e.visibleToMember ? "blue" : "default"}>
                {e.visibleToMember ? t("discipline.view.toMember") : t("discipline.view.internal")}
              </Tag>
              <Typography.Text type="secondary">
                {[e.createdOn, e.actorName].filter(Boolean).join(" · ")}
              </Typography.Text>
              {recordText(e, t)
                .filter(Boolean)
                .map((line) => (
                  <Typography.Paragraph
                    key={line}
                    style={{ marginBottom: 4, whiteSpace: "pre-wrap" }}
                  >
                    {line}
                  </Typography.Paragraph>
                ))}
            </>
          ),
        }))}
      />
    </Card>
  );
}
