import { Descriptions, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DeclarationVersion } from "./registry.api";

/** One version of a declaration: both kinds of items, each 「无」 or listed as declared. */
export function DeclarationVersionView({ v }: { v: DeclarationVersion }) {
  const { t } = useTranslation();
  return (
    <>
      <Items
        title={t("registry.declare.assetsTitle")}
        items={v.assets}
        fields={(a) => [
          ["kindLabel", t(`registry.declare.assetKind.${a.kind}`)],
          ["description", a.description],
          ["source", a.source],
          ["receivedOn", a.receivedOn],
          ["handover", a.handover],
          ["handedOverOn", a.handedOverOn || null],
        ]}
      />
      <Items
        title={t("registry.declare.activitiesTitle")}
        items={v.activities}
        fields={(a) => [
          ["kindLabel", t(`registry.declare.activityKind.${a.kind}`)],
          ["description", a.description],
          ["platform", a.platform],
          ["activityPeriod", a.period],
          ["approval", a.approval || "—"],
        ]}
      />
      {v.note ? (
        <Typography.Paragraph>{`${t("registry.declare.note")}：${v.note}`}</Typography.Paragraph>
      ) : null}
      {v.changeNote ? (
        <Typography.Paragraph type="secondary">
          {`${t("registry.declare.changeNote")}：${v.changeNote}`}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}

/** One kind of items, 「无」 when none; a field given as null is left out. */
function Items<T>({
  title,
  items,
  fields,
}: {
  title: string;
  items: T[];
  fields: (item: T) => Array<[label: string, value: string | null]>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      {items.length === 0 ? (
        <Typography.Paragraph>{t("registry.declare.noneDeclared")}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item, i) => (
            <List.Item>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                title={t("registry.declare.item", { n: i + 1 })}
              >
                {fields(item)
                  .filter(([, value]) => value !== null)
                  .map(([label, value]) => (
                    <Descriptions.Item key={label} label={t(`registry.declare.${label}`)}>
                      {value}
                    </Descriptions.Item>
                  ))}
              </Descriptions>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
