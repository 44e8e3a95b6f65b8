import { useQueryClient } from "@tanstack/react-query";
import { App, DatePicker, Form } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../../shared/ui/FormModal";
import { type Rectification, updateRectification } from "../review.api";
import { OwnerSelect } from "./OwnerSelect";

export type EditMode = "owner" | "dueOn";
interface Values {
  ownerMemberId?: number;
  dueOn?: Dayjs;
}

/**
 * Reassigns an item to another attendee of its meeting (or member of its organization, for an
 * item no meeting raised), or moves its deadline. The change is
 * confirmed before it is sent (the owner is told by the list, and a moved deadline changes
 * what counts as overdue); the server's refusal lands on the field it names.
 */
export function RectificationEditModal({
  item,
  mode,
  onClose,
}: {
  item: Rectification;
  mode: EditMode;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const ownerName = useRef(item.owner.name);
  const submit = async (v: Values) => {
    const body =
      mode === "owner"
        ? { ownerMemberId: v.ownerMemberId as number }
        : { dueOn: (v.dueOn as Dayjs).format("YYYY-MM-DD") };
    const name = ownerName.current;
    const confirmed = await modal.confirm({
      title: t(`review.rect.confirm.${mode}`, { name, date: body.dueOn ?? "" }),
      content: item.problem,
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
    });
    if (!confirmed) return;
    await updateRectification(item.id, body);
    await client.invalidateQueries({ queryKey: ["review", "rect"] });
    message.success(t("review.rect.saved"));
    onClose();
  };
  return (
    <FormModal<Values>
      open
      title={t(`review.rect.${mode === "owner" ? "reassign" : "moveDue"}`)}
      fields={["ownerMemberId", "dueOn"]}
      initialValues={
        mode === "owner" ? { ownerMemberId: item.owner.id } : { dueOn: dayjs(item.dueOn) }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      {() =>
        mode === "owner" ? (
          <Form.Item
            name="ownerMemberId"
            label={t("review.rect.owner")}
            rules={[{ required: true }]}
          >
            <OwnerSelect
              orgId={item.orgId}
              meetingId={item.meetingId}
              onName={(n) => {
                ownerName.current = n;
              }}
            />
          </Form.Item>
        ) : (
          <Form.Item name="dueOn" label={t("review.rect.dueOn")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        )
      }
    </FormModal>
  );
}
