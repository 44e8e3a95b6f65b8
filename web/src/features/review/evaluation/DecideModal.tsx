import { useMutation } from "@tanstack/react-query";
import { Form, Input, Modal } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { applyApiError } from "../../../shared/form-errors";
import { decideGrade, type Grade, type RoundDetail } from "../review.api";

export interface PendingDecision {
  memberId: number;
  name: string;
  grade: Grade;
  reason: string;
}

/**
 * 评定 asks before it saves: the grade to confirm and, for 不合格, its reason, so a decision
 * the server would refuse is never shown as made. The row shows only what was saved.
 */
export function DecideModal({
  roundId,
  pending,
  onClose,
  onSaved,
}: {
  roundId: number;
  pending: PendingDecision | null;
  onClose: () => void;
  onSaved: (r: RoundDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (pending) form.setFieldsValue({ reason: pending.reason });
  }, [pending, form]);
  const needsReason = pending?.grade === "incompetent";
  const save = useMutation({
    mutationFn: (reason: string) =>
      decideGrade(roundId, {
        memberId: pending?.memberId ?? 0,
        grade: pending?.grade ?? "competent",
        reason: reason.trim() || undefined,
      }),
    onSuccess: (r) => {
      onSaved(r);
      onClose();
    },
    onError: (error) => applyApiError(form, error, ["reason"]),
  });
  return (
    <Modal
      open={pending !== null}
      title={
        pending &&
        t("review.round.decideConfirm", {
          name: pending.name,
          grade: t(`review.grade.${pending.grade}`),
        })
      }
      okText={t("review.round.decideOk")}
      okButtonProps={{ danger: needsReason }}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.reason ?? "")}>
        <Form.Item
          name="reason"
          label={needsReason ? t("review.round.reasonRequired") : t("review.round.reason")}
          rules={
            needsReason
              ? [{ required: true, min: 2, message: t("review.round.reasonMissing") }]
              : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
