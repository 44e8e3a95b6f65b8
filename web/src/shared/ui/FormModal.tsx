import { Form, type FormInstance, Modal } from "antd";
import { type ReactNode, useEffect, useId, useState } from "react";
import { applyApiError } from "../form-errors";
import { ErrorAlert } from "./ErrorAlert";

/**
 * A dialog with a form: validates, sends, and puts the server's error on the field it names
 * (or above the form when it names none). The form resets each time the dialog opens.
 */
export function FormModal<T extends object>({
  open,
  title,
  okText,
  danger,
  fields,
  initialValues,
  onSubmit,
  onClose,
  children,
}: {
  open: boolean;
  title: ReactNode;
  okText?: ReactNode;
  danger?: boolean;
  /** The form's field names, so a server error naming one lands there. */
  fields: readonly string[];
  initialValues?: Partial<T>;
  onSubmit: (values: T) => Promise<void>;
  onClose: () => void;
  children: (form: FormInstance<T>) => ReactNode;
}) {
  const [form] = Form.useForm<T>();
  // Each dialog's fields get ids of their own: dialogs stay rendered while closed, and two
  // with a field of the same name would point each label at the other's input.
  const name = `dialog${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      if (!applyApiError(form, e, fields)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: busy }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <ErrorAlert error={error} />
      <Form
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        requiredMark="optional"
      >
        {children(form)}
      </Form>
    </Modal>
  );
}
