import { Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CaseEvent } from "./cases.api";

/**
 * A case's history. The filer's view has no handler names; the handlers' view marks what
 * stays internal, so nobody mistakes a note for something the filer was told.
 */
export function CaseTimeline({
  events,
  filerView,
  filerLabel,
}: {
  events: CaseEvent[];
  filerView: boolean;
  /** What the handlers call the filer: 举报人 or 申请人. */
  filerLabel?: string;
}) {
  const { t } = useTranslation();
  const who = (e: CaseEvent) =>
    e.byFiler
      ? filerView
        ? t("cases.events.you")
        : (filerLabel ?? t("cases.detail.filer"))
      : (e.actorName ?? t("cases.events.handlerSide"));
  return (
    <Timeline
      items={events.map((e) => {
        const step = typeof e.meta.transition === "string" ? e.meta.transition : null;
        const heading = step
          ? `${t(`cases.steps.${step}`, { defaultValue: step })}${e.toStateLabel ? ` → ${e.toStateLabel}` : ""}`
          : t(`cases.events.${e.kind}`, { defaultValue: e.kind });
        return {
          color: e.kind === "note" ? "gray" : e.kind === "escalated" ? "red" : "blue",
          children: (
            <div>
              <Typography.Text strong>{heading}</Typography.Text>
              <Typography.Text type="secondary">{` · ${who(e)} · ${e.createdOn}`}</Typography.Text>
              {!filerView && !e.visibleToFiler ? (
                <Typography.Text type="warning">{` · ${t("cases.detail.noteHelp")}`}</Typography.Text>
              ) : null}
              {typeof e.meta.handler === "string" ? <div>{`→ ${e.meta.handler}`}</div> : null}
              {typeof e.meta.number === "string" ? <div>{e.meta.number}</div> : null}
              {typeof e.meta.destination === "string" ? (
                <div>{`${e.meta.destination}${e.meta.reference ? `（${String(e.meta.reference)}）` : ""}`}</div>
              ) : null}
              {e.kind === "clarification" && typeof e.meta.scope === "string" ? (
                <div>
                  {t("cases.events.publishedTo", {
                    scope: t(`cases.scopes.${e.meta.scope}`),
                    count: Number(e.meta.recipients ?? 0),
                  })}
                </div>
              ) : null}
              {e.text ? (
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
                  {e.text}
                </Typography.Paragraph>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
