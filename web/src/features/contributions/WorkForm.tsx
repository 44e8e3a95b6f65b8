import { DatePicker, Form, Input, InputNumber, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../shared/ui/FormModal";
import { type Contribution, type ContributionInput, KINDS } from "./contributions.api";

type Values = Omit<ContributionInput, "publishedOn"> & { publishedOn: Dayjs };
const FIELDS = ["title", "kind", "link", "publishedOn", "reportedReach", "description"] as const;

/**
 * Submitting a work, correcting one still pending, or resubmitting a returned one from its
 * fields: the same fields every way.
 */
export function WorkForm({
  open,
  work,
  title,
  onSubmit,
  onClose,
}: {
  open: boolean;
  work: Contribution | null;
  title: string;
  onSubmit: (body: ContributionInput) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const f = (k: string) => t(`contributions.field.${k}`);
  return (
    <FormModal<Values>
      open={open}
      title={title}
      fields={FIELDS}
      initialValues={
        work
          ? { ...work, publishedOn: dayjs(work.publishedOn) }
          : { kind: "article", publishedOn: dayjs() }
      }
      onSubmit={(v) =>
        onSubmit({
          ...v,
          publishedOn: v.publishedOn.format("YYYY-MM-DD"),
          reportedReach: v.reportedReach ?? null,
        })
      }
      onClose={onClose}
    >
      {() => (
        <>
          <Form.Item name="title" label={f("title")} rules={[{ required: true, max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={f("kind")} rules={[{ required: true }]}>
            <Select
              options={KINDS.map((k) => ({ value: k, label: t(`contributions.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="link"
            label={f("link")}
            extra={f("linkHelp")}
            rules={[{ required: true }, { pattern: /^https?:\/\/\S+$/i, message: f("linkHelp") }]}
          >
            <Input inputMode="url" placeholder="https://" maxLength={500} />
          </Form.Item>
          <Form.Item name="publishedOn" label={f("publishedOn")} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="reportedReach" label={f("reportedReach")} extra={f("reachHelp")}>
            <InputNumber min={0} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="description"
            label={f("description")}
            extra={f("descriptionHelp")}
            rules={[{ required: true, min: 2, max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
