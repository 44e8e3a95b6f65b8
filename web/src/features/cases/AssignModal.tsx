import { useQuery } from "@tanstack/react-query";
import { Form, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../shared/ui/FormModal";
import { CASES_KEY, type HandlerCandidate, listHandlers } from "./cases.api";

/**
 * Hands a case to one of the secretaries and discipline officers of its org or above. The
 * member the case names is shown but cannot be picked; any other refusal (someone who must
 * step aside) comes from the server and is shown under the field.
 */
export function AssignModal({
  caseId,
  reassign,
  open,
  onSubmit,
  onClose,
}: {
  caseId: number;
  /** Whether someone handles the case already. */
  reassign: boolean;
  open: boolean;
  onSubmit: (userId: number) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [...CASES_KEY, "handlers", caseId],
    queryFn: () => listHandlers(caseId),
    enabled: open,
  });
  const label = (h: HandlerCandidate) => {
    const tags = [
      h.levelsUp > 0 ? t("cases.assign.above") : null,
      h.current ? t("cases.assign.current") : null,
      h.named ? t("cases.assign.named") : null,
    ].filter(Boolean);
    return `${h.name} · ${h.orgName} · ${t(`cases.assign.roles.${h.role}`)}${tags.length ? `（${tags.join("，")}）` : ""}`;
  };
  return (
    <FormModal<{ userId: number }>
      open={open}
      title={reassign ? t("cases.assign.change") : t("cases.assign.title")}
      fields={["userId"]}
      onSubmit={(v) => onSubmit(v.userId)}
      onClose={onClose}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t("cases.assign.rule")}</Typography.Paragraph>
          <Form.Item
            name="userId"
            label={t("cases.assign.who")}
            rules={[{ required: true, message: t("cases.assign.pick") }]}
          >
            <Select
              loading={query.isLoading}
              showSearch
              optionFilterProp="label"
              options={(query.data?.items ?? []).map((h) => ({
                value: h.userId,
                label: label(h),
                disabled: h.named || h.current,
              }))}
            />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
