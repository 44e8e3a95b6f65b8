import { useQueryClient } from "@tanstack/react-query";
import { App, DatePicker, Form, Input, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../shared/ui/FormModal";
import { OrgSearch } from "../orgs/OrgSearch";
import { archiveMember, type MemberDetail, revealField, transferMember } from "./members.api";

function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await Promise.all(
      ["members", "member", "org"].map((key) => client.invalidateQueries({ queryKey: [key] })),
    );
  };
}

const reasonRules = (message: string) => [
  { required: true, whitespace: true, min: 2, message },
  { max: 500 },
];

/** 组织关系转接: the history keeps where the member was, from when, and why. */
export function TransferMemberDialog({
  open,
  member,
  onClose,
}: {
  open: boolean;
  member: MemberDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [target, setTarget] = useState<{ id: number; name: string } | null>(null);
  return (
    <FormModal<{ date: Dayjs; reason: string }>
      open={open}
      title={t("members.transferTitle", { name: member.name })}
      okText={t("members.transfer")}
      fields={["toOrgId", "date", "reason"]}
      initialValues={{ date: dayjs() }}
      onClose={onClose}
      onSubmit={async ({ date, reason }) => {
        if (!target) return;
        await transferMember(member.id, {
          toOrgId: target.id,
          date: date.format("YYYY-MM-DD"),
          reason,
        });
        message.success(t("members.transferred", { name: member.name, org: target.name }));
        await refresh();
        onClose();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">
            {t("members.transferFrom", { org: member.org.name })}
          </Typography.Paragraph>
          <Form.Item
            name="toOrgId"
            label={t("members.transferTo")}
            rules={[
              {
                validator: () =>
                  target ? Promise.resolve() : Promise.reject(new Error(t("members.rule.org"))),
              },
            ]}
          >
            <OrgSearch
              exclude={member.org.id}
              onPick={(o) => setTarget({ id: o.id, name: o.name })}
            />
          </Form.Item>
          <Form.Item
            name="date"
            label={t("members.transferDate")}
            rules={[{ required: true, message: t("members.rule.date") }]}
          >
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("members.reason")}
            rules={reasonRules(t("members.rule.reason"))}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export function ArchiveMemberDialog({
  open,
  member,
  onClose,
}: {
  open: boolean;
  member: MemberDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useRefresh();
  return (
    <FormModal<{ reason: string }>
      open={open}
      danger
      title={t("members.archiveTitle", { name: member.name })}
      okText={t("members.archive")}
      fields={["reason"]}
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        const confirmed = await modal.confirm({
          title: t("members.archiveConfirmTitle"),
          content: t("members.archiveConfirm", { name: member.name }),
          okText: t("members.archive"),
          okButtonProps: { danger: true },
          cancelText: t("common.cancel"),
        });
        if (!confirmed) return;
        await archiveMember(member.id, reason);
        message.success(t("members.archived", { name: member.name }));
        await refresh();
        onClose();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t("members.archiveHint")}</Typography.Paragraph>
          <Form.Item
            name="reason"
            label={t("members.reason")}
            rules={reasonRules(t("members.rule.reason"))}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** Seeing an ID number or phone in clear is its own step with a reason, and the server audits it. */
export function RevealDialog({
  field,
  member,
  onClose,
  onRevealed,
}: {
  field: "idNumber" | "phone" | null;
  member: MemberDetail;
  onClose: () => void;
  onRevealed: (field: "idNumber" | "phone", value: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ reason: string }>
      open={field !== null}
      title={t("members.revealTitle", { field: field ? t(`members.field.${field}`) : "" })}
      okText={t("members.reveal")}
      fields={["reason"]}
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        if (!field) return;
        const result = await revealField(member.id, { field, reason });
        onRevealed(field, result.value);
        onClose();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="warning">{t("members.revealHint")}</Typography.Paragraph>
          <Form.Item
            name="reason"
            label={t("members.revealReason")}
            rules={reasonRules(t("members.rule.reason"))}
          >
            <Input placeholder={t("members.revealReasonPlaceholder")} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
