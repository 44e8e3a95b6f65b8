import { Form, Input } from "antd";
import type { ReactNode } from "react";
import { FormModal } from "../../shared/ui/FormModal";

/** A dialog asking one reason: returning a work, declining a commendation. */
export function ReasonModal({
  open,
  title,
  label,
  help,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: ReactNode;
  label: ReactNode;
  help?: ReactNode;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  return (
    <FormModal<{ reason: string }>
      open={open}
      title={title}
      danger
      fields={["reason"]}
      onSubmit={(v) => onSubmit(v.reason)}
      onClose={onClose}
    >
      {() => (
        <Form.Item
          name="reason"
          label={label}
          extra={help}
          rules={[{ required: true, min: 2, max: 300 }]}
        >
          <Input.TextArea rows={3} maxLength={300} showCount />
        </Form.Item>
      )}
    </FormModal>
  );
}
