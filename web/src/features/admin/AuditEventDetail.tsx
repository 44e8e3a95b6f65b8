import { ArrowRightOutlined } from "@ant-design/icons";
import { Collapse, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditEvent } from "./admin.api";
import { changesOf } from "./audit-changes";
import { langOf } from "./audit-labels";

/**
 * One row opened: what changed, field by field, and the row exactly as stored (ids, org path,
 * address, request id) for an auditor who needs the record itself.
 */
export function AuditEventDetail({ event: e }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const changes = changesOf(e.before, e.after, e.names, langOf(i18n.language));
  const { actorName: _a, orgName: _o, orgTrail: _t, entityName: _e, names: _n, ...raw } = e;
  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Text strong>{t("audit.changes")}</Typography.Text>
      {changes.length === 0 ? (
        <Typography.Paragraph type="secondary">{t("audit.noChanges")}</Typography.Paragraph>
      ) : (
        <div data-testid="audit-changes" style={{ margin: "6px 0 12px" }}>
          {changes.map((c) => (
            <Flex key={c.field} gap={8} wrap style={{ padding: "2px 0" }}>
              <Typography.Text type="secondary" style={{ minWidth: 96 }}>
                {c.label}
              </Typography.Text>
              {c.before !== null ? (
                <>
                  <Typography.Text delete={c.after !== null}>{c.before}</Typography.Text>
                  {c.after !== null ? <ArrowRightOutlined style={{ color: "#999" }} /> : null}
                </>
              ) : null}
              {c.after !== null ? <Typography.Text>{c.after}</Typography.Text> : null}
            </Flex>
          ))}
        </div>
      )}
      <Collapse
        size="small"
        items={[
          {
            key: "raw",
            label: t("audit.raw"),
            children: (
              <pre
                data-testid="audit-raw"
                style={{ margin: 0, maxHeight: 360, overflow: "auto", fontSize: 12 }}
              >
                {JSON.stringify(raw, null, 2)}
              </pre>
            ),
          },
        ]}
      />
    </div>
  );
}
