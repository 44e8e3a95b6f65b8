import { useQueryClient } from "@tanstack/react-query";
import { App, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../shared/ui/FormModal";
import { ALL_KINDS, ALL_SUBJECTS } from "./chips";
import { READER_KEY } from "./queries";
import { type Correction, correctProvision, type Kind, type Provision } from "./regulations.api";

/** 更正标注: a person's kind and subjects for a provision, kept beside the automatic ones. */
export function CorrectionDialog({
  provision,
  label,
  onClose,
}: {
  provision: Provision | null;
  label: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const submit = async (values: Correction) => {
    if (!provision) return;
    await correctProvision(provision.id, values);
    // The correction changes chips, the binds filter and search facets alike.
    await client.invalidateQueries({ queryKey: [READER_KEY] });
    message.success(t("reader.correction.saved"));
    onClose();
  };
  return (
    <FormModal<Correction>
      open={provision !== null}
      title={t("reader.correction.title", { label })}
      fields={["kind", "subjects", "note"]}
      initialValues={{
        kind: provision?.kind as Kind | undefined,
        subjects: provision?.subjects as Correction["subjects"] | undefined,
      }}
      onSubmit={submit}
      onClose={onClose}
    >
      {() => (
        <>
          <Form.Item name="kind" label={t("reader.correction.kind")} rules={[{ required: true }]}>
            <Select options={ALL_KINDS.map((k) => ({ value: k, label: t(`reader.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="subjects" label={t("reader.correction.subjects")}>
            <Select
              mode="multiple"
              options={ALL_SUBJECTS.map((s) => ({ value: s, label: t(`reader.subject.${s}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t("reader.correction.note")}
            rules={[{ required: true, min: 2, max: 500, message: t("reader.correction.noteRule") }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
