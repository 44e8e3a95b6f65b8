import { Collapse, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { DeclarationVersionView } from "./DeclarationVersionView";
import { when } from "./format";
import type { Declaration } from "./registry.api";

/** The current version open, every earlier one folded below it: nothing is overwritten. */
export function DeclarationHistory({ d }: { d: Declaration }) {
  const { t } = useTranslation();
  const [current, ...earlier] = d.versions;
  if (!current) return null;
  const line = (v: typeof current) =>
    t("registry.declare.versionLine", {
      version: v.version,
      by: v.recordedBy,
      at: when(v.recordedAt),
    });
  return (
    <>
      <Typography.Title level={5}>
        {t("registry.declare.current", { version: current.version })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{line(current)}</Typography.Paragraph>
      <DeclarationVersionView v={current} />
      {earlier.length > 0 ? (
        <>
          <Typography.Title level={5}>{t("registry.declare.versions")}</Typography.Title>
          <Collapse
            size="small"
            items={earlier.map((v) => ({
              key: v.version,
              label: line(v),
              children: <DeclarationVersionView v={v} />,
            }))}
          />
        </>
      ) : null}
    </>
  );
}
