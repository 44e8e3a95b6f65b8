import { useQueryClient } from "@tanstack/react-query";
import { App, Descriptions, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../../shared/ui/FormModal";
import { closeRectification, type Rectification, returnRectification } from "../review.api";

/**
 * The secretary's review of an item its owner reported done: 销号 with an optional word, or
 * 退回 with the reason the owner will read in their message. The dialog is the confirmation.
 */
export function ReviewRectificationModal({
  item,
  verdict,
  onClose,
}: {
  item: Rectification;
  verdict: "close" | "return";
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  return (
    <FormModal<{ comment?: string }>
      open
      danger={verdict === "return"}
      title={t(`review.rect.${verdict}Title`)}
      okText={t(`review.rect.${verdict}`)}
      fields={["comment"]}
      onSubmit={async (v) => {
        if (verdict === "close") await closeRectification(item.id, v.comment?.trim());
        else await returnRectification(item.id, v.comment ?? "");
        await client.invalidateQueries({ queryKey: ["review", "rect"] });
        void message.success(
          t(`review.rect.${verdict === "close" ? "closedToast" : "returnedToast"}`),
        );
        onClose();
      }}
      onClose={onClose}
    >
      {() => (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { label: t("review.rect.owner"), children: item.owner.name },
              { label: t("review.rect.problem"), children: item.problem },
              { label: t("review.rect.reported"), children: item.evidence },
            ]}
            style={{ marginBottom: 12 }}
          />
          <Form.Item
            name="comment"
            label={t(verdict === "close" ? "review.rect.closeComment" : "review.rect.returnReason")}
            rules={verdict === "return" ? [{ required: true, min: 2 }] : []}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
