import { Button, Form, Input, List, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormModal } from "../../shared/ui/FormModal";
import {
  type CaseDetail,
  openProtectionForAccused,
  type ProtectionForAccusedInput,
  searchMembers,
} from "./cases.api";

/**
 * Cases this one opened or was opened from, as far as the server lets this handler see them,
 * and, on a report closed as unfounded, opening a 澄清正名 case for the falsely accused.
 */
export function LinkedCases({
  detail,
  onOpened,
}: {
  detail: CaseDetail;
  onOpened: (number: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const canOpen = detail.can.links.includes("protection_for_accused");
  // A report passed to discipline, or a protection case that found the report false.
  const discipline = detail.can.links.find(
    (l) => l === "discipline_for_subject" || l === "discipline_for_accuser",
  );
  if (detail.links.length === 0 && !canOpen && !discipline) return null;
  return (
    <>
      <List
        size="small"
        bordered
        header={<Typography.Text strong>{t("cases.links.title")}</Typography.Text>}
        dataSource={detail.links}
        locale={{ emptyText: t("cases.links.none") }}
        renderItem={(l) => (
          <List.Item>
            <Space wrap size={4}>
              <span>{t(`cases.links.${l.linkType}.${l.direction}`)}</span>
              <Link to={`/${l.caseType === "discipline" ? "discipline" : "cases"}/${l.caseId}`}>
                {l.number}
              </Link>
              <Tag>{l.stateLabel}</Tag>
              <Typography.Text type="secondary">{l.createdOn}</Typography.Text>
            </Space>
          </List.Item>
        )}
        footer={
          canOpen || discipline ? (
            <Space direction="vertical" size={4}>
              {canOpen ? (
                <>
                  <Typography.Text type="secondary">{t("cases.links.openHelp")}</Typography.Text>
                  <Button onClick={() => setOpen(true)}>{t("cases.links.open")}</Button>
                </>
              ) : null}
              {discipline ? (
                <Link
                  to={`/discipline/new?origin=${
                    discipline === "discipline_for_subject" ? "report" : "protection"
                  }&from=${detail.id}`}
                >
                  <Button>{t("cases.links.openDiscipline")}</Button>
                </Link>
              ) : null}
            </Space>
          ) : null
        }
      />
      <ProtectionForAccusedModal
        detail={detail}
        open={open}
        onClose={() => setOpen(false)}
        onSubmit={async (values) => {
          const receipt = await openProtectionForAccused(detail.id, values);
          setOpen(false);
          await onOpened(receipt.number);
        }}
      />
    </>
  );
}

function ProtectionForAccusedModal({
  detail,
  open,
  onClose,
  onSubmit,
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: ProtectionForAccusedInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const search = async (name: string) => {
    if (name.trim() === "") return;
    // A failed search leaves the list empty; the field's own check says to pick someone.
    const page = await searchMembers(name.trim()).catch(() => ({ items: [] }));
    setOptions(page.items.map((m) => ({ value: m.id, label: `${m.name}（${m.org.name}）` })));
  };
  return (
    <FormModal<ProtectionForAccusedInput>
      open={open}
      title={t("cases.links.open")}
      fields={["memberId", "description"]}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      {() => (
        <>
          {detail.subject ? (
            <Typography.Paragraph>
              {t("cases.links.forMember", {
                name: detail.subject.name,
                org: detail.subject.orgName,
              })}
            </Typography.Paragraph>
          ) : (
            <Form.Item
              name="memberId"
              label={t("cases.links.member")}
              extra={t("cases.links.memberHelp")}
              rules={[{ required: true, message: t("cases.links.member") }]}
            >
              <Select
                showSearch
                filterOption={false}
                onSearch={search}
                options={options}
                placeholder={t("cases.links.memberSearch")}
              />
            </Form.Item>
          )}
          <Form.Item
            name="description"
            label={t("cases.links.description")}
            extra={t("cases.links.descriptionHelp")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
