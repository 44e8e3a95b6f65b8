import { useQuery } from "@tanstack/react-query";
import { Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../shared/ui/FormModal";
import {
  allAcceptedOf,
  CONTRIBUTIONS_KEY,
  type Contribution,
  LEVELS,
  type ProposeInput,
} from "./contributions.api";

type Values = Omit<ProposeInput, "memberId">;
const FIELDS = ["contributionIds", "title", "level", "reason"] as const;

/** A 表彰 proposal for the member of `from`, citing that work and any other accepted ones. */
export function ProposeModal({
  from,
  onSubmit,
  onClose,
}: {
  from: Contribution | null;
  onSubmit: (body: ProposeInput) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const memberId = from?.member.id;
  const works = useQuery({
    queryKey: [...CONTRIBUTIONS_KEY, "accepted-of", memberId],
    queryFn: () => allAcceptedOf(memberId ?? 0),
    enabled: memberId !== undefined,
  });
  const c = (k: string) => t(`contributions.commend.${k}`);
  return (
    <FormModal<Values>
      open={from !== null}
      title={t("contributions.commend.proposeTitle", { name: from?.member.name ?? "" })}
      fields={FIELDS}
      initialValues={{ contributionIds: from ? [from.id] : [], level: "branch" }}
      onSubmit={(v) => onSubmit({ ...v, memberId: memberId ?? 0 })}
      onClose={onClose}
    >
      {() => (
        <>
          <Form.Item
            name="contributionIds"
            label={c("works")}
            extra={c("worksHelp")}
            rules={[{ required: true }]}
          >
            <Select
              mode="multiple"
              loading={works.isLoading}
              options={(works.data ?? []).map((w) => ({
                value: w.id,
                label: `${w.title}（${w.publishedOn}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="title" label={c("ctitle")} rules={[{ required: true, max: 100 }]}>
            <Input maxLength={100} placeholder="2026年度网络正能量传播先进个人" />
          </Form.Item>
          <Form.Item name="level" label={c("level")} rules={[{ required: true }]}>
            <Select
              options={LEVELS.map((l) => ({ value: l, label: t(`contributions.level.${l}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={c("reason")}
            rules={[{ required: true, min: 2, max: 1000 }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
