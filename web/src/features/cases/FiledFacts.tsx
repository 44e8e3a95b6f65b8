import { Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** What was filed, in the words of the form it came from; a link is shown, never opened for you. */
export function FiledFacts({ filed }: { filed: Record<string, unknown> }) {
  const { t } = useTranslation();
  const text = (k: string) => (typeof filed[k] === "string" ? (filed[k] as string) : null);
  const rows: { key: string; label: string; value: string | null }[] = [
    { key: "link", label: t("cases.detail.link"), value: text("link") },
    { key: "accountName", label: t("cases.detail.accountName"), value: text("accountName") },
    { key: "seenOn", label: t("cases.detail.seenOn"), value: text("seenOn") },
    {
      key: "kind",
      label: t("cases.protection.kind"),
      value: text("kind") ? t(`cases.kinds.${text("kind")}`) : null,
    },
    { key: "happenedOn", label: t("cases.protection.happenedOn"), value: text("happenedOn") },
    { key: "subjectName", label: t("cases.detail.subjectName"), value: text("subjectName") },
    {
      key: "links",
      label: t("cases.protection.links"),
      value: Array.isArray(filed.links) && filed.links.length ? filed.links.join("\n") : null,
    },
    { key: "request", label: t("cases.protection.request"), value: text("request") },
  ];
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        items={rows
          .filter((r) => r.value)
          .map((r) => ({
            key: r.key,
            label: r.label,
            children: (
              <Typography.Text copyable={r.key === "link"} style={{ whiteSpace: "pre-wrap" }}>
                {r.value}
              </Typography.Text>
            ),
          }))}
      />
      {text("description") ? (
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 8 }}>
          {text("description")}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
