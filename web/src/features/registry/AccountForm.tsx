import { App, Form, Input, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../shared/ui/FormModal";
import {
  type Account,
  type AccountInput,
  type AccountVersion,
  PLATFORMS,
  registerAccount,
  reviseAccount,
} from "./registry.api";

const FIELDS = [
  "platform",
  "platformOther",
  "name",
  "handle",
  "link",
  "ownership",
  "unitName",
  "purpose",
  "since",
  "coManagers",
  "changeNote",
];

export type AccountFormMode = { kind: "add" } | { kind: "edit" | "close"; account: Account };

/** The whole entry as the server takes it again: empty optional fields are left out. */
function toBody(v: AccountVersion | AccountInput, changeNote?: string): AccountInput {
  const blank = (s: string | null | undefined) => (s ? s : undefined);
  return {
    platform: v.platform,
    platformOther: v.platform === "other" ? blank(v.platformOther) : undefined,
    name: v.name,
    handle: v.handle,
    link: blank(v.link),
    ownership: v.ownership,
    unitName: v.ownership === "unit" ? blank(v.unitName) : undefined,
    purpose: v.purpose,
    since: v.since,
    coManagers: v.coManagers ?? "",
    status: v.status ?? "active",
    changeNote: blank(changeNote),
  };
}

/**
 * Registering, changing and closing an account: each save is a new version, so a change and
 * a close both ask why; closing keeps every field as it stands.
 */
export function AccountForm({
  mode,
  onClose,
  onSaved,
}: {
  mode: AccountFormMode | null;
  onClose: () => void;
  onSaved: (a: Account) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const current = mode && mode.kind !== "add" ? mode.account.current : null;
  const title =
    mode?.kind === "edit"
      ? t("registry.account.editTitle")
      : mode?.kind === "close"
        ? t("registry.account.closeTitle")
        : t("registry.account.addTitle");

  const submit = async (values: AccountInput) => {
    let saved: Account;
    if (mode?.kind === "close" && current) {
      saved = await reviseAccount(
        mode.account.id,
        toBody({ ...current, status: "closed" }, values.changeNote),
      );
    } else if (mode?.kind === "edit") {
      saved = await reviseAccount(
        mode.account.id,
        toBody({ ...values, status: "active" }, values.changeNote),
      );
    } else {
      saved = await registerAccount(toBody(values));
    }
    message.success(t("registry.account.saved", { version: saved.current.version }));
    onSaved(saved);
  };

  return (
    <FormModal<AccountInput>
      open={mode !== null}
      title={title}
      danger={mode?.kind === "close"}
      fields={FIELDS}
      initialValues={
        current ? { ...toBody(current), changeNote: undefined } : { ownership: "personal" }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      {() =>
        mode?.kind === "close" ? (
          <Form.Item
            name="changeNote"
            label={t("registry.account.closeNote")}
            extra={t("registry.account.closeHelp")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        ) : (
          <AccountFields editing={mode?.kind === "edit"} />
        )
      }
    </FormModal>
  );
}

function AccountFields({ editing }: { editing: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<AccountInput>();
  const platform = Form.useWatch("platform", form);
  const ownership = Form.useWatch("ownership", form);
  const required = [{ required: true, whitespace: true }];
  return (
    <>
      <Form.Item
        name="platform"
        label={t("registry.account.platform")}
        rules={[{ required: true }]}
      >
        <Select
          options={PLATFORMS.map((p) => ({ value: p, label: t(`registry.platform.${p}`) }))}
        />
      </Form.Item>
      {platform === "other" ? (
        <Form.Item
          name="platformOther"
          label={t("registry.account.platformOther")}
          rules={required}
        >
          <Input maxLength={50} />
        </Form.Item>
      ) : null}
      <Form.Item name="name" label={t("registry.account.name")} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="handle" label={t("registry.account.handle")} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="link"
        label={t("registry.account.link")}
        extra={t("registry.account.linkHelp")}
      >
        <Input maxLength={500} inputMode="url" />
      </Form.Item>
      <Form.Item name="ownership" label={t("registry.account.ownershipLabel")}>
        <Radio.Group
          options={(["personal", "unit"] as const).map((o) => ({
            value: o,
            label: t(`registry.ownership.${o}`),
          }))}
        />
      </Form.Item>
      {ownership === "unit" ? (
        <Form.Item name="unitName" label={t("registry.account.unitName")} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
      ) : null}
      <Form.Item name="purpose" label={t("registry.account.purpose")} rules={required}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="since" label={t("registry.account.since")} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item
        name="coManagers"
        label={t("registry.account.coManagers")}
        extra={t("registry.account.coManagersHelp")}
      >
        <Input maxLength={200} />
      </Form.Item>
      {editing ? (
        <Form.Item name="changeNote" label={t("registry.account.changeNote")} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
      ) : null}
    </>
  );
}
