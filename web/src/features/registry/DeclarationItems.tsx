import { Button, Card, Form, Select, Space } from "antd";
import type { Rule } from "antd/es/form";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** One field of an item: a text answer must hold more than blanks, a date or choice only be set. */
export interface ItemField {
  name: string;
  label: string;
  input: ReactNode;
  required?: "text" | "value";
  extra?: string;
}

const RULES: Record<"text" | "value", Rule[]> = {
  text: [{ required: true, whitespace: true }],
  value: [{ required: true }],
};

/**
 * The items of one kind of declaration (assets or activities), each a card with its kind and
 * its own fields, added and removed one by one.
 */
export function DeclarationItems({
  list,
  kinds,
  kindLabel,
  fields,
}: {
  list: "assets" | "activities";
  kinds: readonly string[];
  kindLabel: (kind: string) => string;
  fields: ItemField[];
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={list}>
      {(items, { add, remove }) => (
        <Space direction="vertical" style={{ width: "100%" }}>
          {items.map((item, i) => (
            <Card
              key={item.key}
              size="small"
              title={t("registry.declare.item", { n: i + 1 })}
              extra={
                <Button size="small" type="link" danger onClick={() => remove(item.name)}>
                  {t("registry.declare.removeItem")}
                </Button>
              }
            >
              <Form.Item
                name={[item.name, "kind"]}
                label={t("registry.declare.kindLabel")}
                rules={RULES.value}
              >
                <Select options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
              </Form.Item>
              {fields.map((f) => (
                <Form.Item
                  key={f.name}
                  name={[item.name, f.name]}
                  label={f.label}
                  extra={f.extra}
                  rules={f.required ? RULES[f.required] : undefined}
                >
                  {f.input}
                </Form.Item>
              ))}
            </Card>
          ))}
          <Button onClick={() => add({})}>{t("registry.declare.addItem")}</Button>
        </Space>
      )}
    </Form.List>
  );
}
