import { App, Form, Input, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../shared/ui/FormModal";
import { OrgSearch } from "./OrgSearch";
import {
  archiveOrg,
  createOrg,
  moveOrg,
  type Org,
  type OrgDetail,
  type OrgKind,
  renameOrg,
} from "./orgs.api";

const KINDS: OrgKind[] = ["committee", "general_branch", "branch", "group"];

/** The usual kind of a new child, as a starting choice; the server decides what may sit where. */
export const DEFAULT_CHILD_KIND: Record<OrgKind, OrgKind> = {
  committee: "branch",
  general_branch: "branch",
  branch: "group",
  group: "group",
};

export function CreateOrgDialog({
  open,
  parent,
  onClose,
  onDone,
}: {
  open: boolean;
  parent: Org;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <FormModal<{ kind: OrgKind; name: string }>
      open={open}
      title={t("orgs.createUnder", { name: parent.name })}
      fields={["kind", "name"]}
      initialValues={{ kind: DEFAULT_CHILD_KIND[parent.kind] }}
      onClose={onClose}
      onSubmit={async (values) => {
        const created = await createOrg({ parentId: parent.id, ...values });
        message.success(t("orgs.created", { name: created.name, code: created.code }));
        onDone();
      }}
    >
      {() => (
        <>
          <Form.Item name="kind" label={t("orgs.field.kind")} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`orgs.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t("orgs.field.name")}
            rules={[
              { required: true, whitespace: true, message: t("orgs.nameRequired") },
              { max: 100 },
            ]}
          >
            <Input placeholder={t("orgs.namePlaceholder")} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export function RenameOrgDialog({
  open,
  org,
  onClose,
  onDone,
}: {
  open: boolean;
  org: Org;
  onClose: () => void;
  onDone: (org: Org) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ name: string }>
      open={open}
      title={t("orgs.renameTitle", { name: org.name })}
      fields={["name"]}
      initialValues={{ name: org.name }}
      onClose={onClose}
      onSubmit={async ({ name }) => onDone(await renameOrg(org.id, name))}
    >
      {() => (
        <Form.Item
          name="name"
          label={t("orgs.field.name")}
          rules={[
            { required: true, whitespace: true, message: t("orgs.nameRequired") },
            { max: 100 },
          ]}
        >
          <Input />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** Moving takes the whole subtree and its members along, so the user confirms after picking. */
export function MoveOrgDialog({
  open,
  org,
  onClose,
  onDone,
}: {
  open: boolean;
  org: Org;
  onClose: () => void;
  onDone: (newParentId: number) => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [target, setTarget] = useState<OrgDetail | null>(null);
  return (
    <FormModal<{ target: number }>
      open={open}
      title={t("orgs.moveTitle", { name: org.name })}
      okText={t("orgs.move")}
      fields={["newParentId"]}
      onClose={onClose}
      onSubmit={async () => {
        if (!target) return;
        const confirmed = await modal.confirm({
          title: t("orgs.moveConfirmTitle"),
          content: t("orgs.moveConfirm", {
            name: org.name,
            target: target.name,
            members: org.subtreeMemberCount,
          }),
          okText: t("common.confirm"),
          cancelText: t("common.cancel"),
        });
        if (!confirmed) return;
        const result = await moveOrg(org.id, target.id);
        message.success(t("orgs.moved", { orgs: result.movedOrgs, members: result.movedMembers }));
        onDone(target.id);
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t("orgs.moveHint")}</Typography.Paragraph>
          <Form.Item
            name="target"
            label={t("orgs.newParent")}
            rules={[
              {
                validator: () =>
                  target ? Promise.resolve() : Promise.reject(new Error(t("orgs.pickTarget"))),
              },
            ]}
          >
            <OrgSearch
              onPick={setTarget}
              exclude={org.id}
              placeholder={t("orgs.newParentPlaceholder")}
            />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export function ArchiveOrgDialog({
  open,
  org,
  onClose,
  onDone,
}: {
  open: boolean;
  org: Org;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  return (
    <FormModal<{ reason: string }>
      open={open}
      danger
      title={t("orgs.archiveTitle", { name: org.name })}
      okText={t("orgs.archive")}
      fields={["reason"]}
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        const confirmed = await modal.confirm({
          title: t("orgs.archiveConfirmTitle"),
          content: t("orgs.archiveConfirm", { name: org.name }),
          okText: t("orgs.archive"),
          okButtonProps: { danger: true },
          cancelText: t("common.cancel"),
        });
        if (!confirmed) return;
        await archiveOrg(org.id, reason);
        message.success(t("orgs.archived", { name: org.name }));
        onDone();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t("orgs.archiveHint")}</Typography.Paragraph>
          <Form.Item
            name="reason"
            label={t("orgs.reason")}
            rules={[
              { required: true, whitespace: true, min: 2, message: t("orgs.reasonRequired") },
              { max: 500 },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
