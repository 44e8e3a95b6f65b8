import { useMutation } from "@tanstack/react-query";
import { Button, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { applyApiError, unplacedError } from "../../../shared/form-errors";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { addCriticism, type MeetingDetail } from "../review.api";

const FIELDS = ["fromMemberId", "toMemberId", "criticism", "response"] as const;

interface Values {
  fromMemberId: number;
  toMemberId: number;
  criticism: string;
  response?: string;
}

/** 相互批评 as the secretary records it at the meeting: who, to whom, what, and the answer. */
export function CriticismForm({
  meeting,
  onSaved,
}: {
  meeting: MeetingDetail;
  onSaved: (m: MeetingDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const people = meeting.attendees.map((a) => ({ value: a.memberId, label: a.name }));
  const save = useMutation({
    mutationFn: (v: Values) => addCriticism(meeting.id, v),
    onSuccess: (m) => {
      form.resetFields();
      onSaved(m);
    },
    onError: (e) => applyApiError(form, e, FIELDS),
  });
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
      <ErrorAlert error={unplacedError(save.error, FIELDS)} />
      <Form.Item name="fromMemberId" label={t("review.meeting.from")} rules={[{ required: true }]}>
        <Select options={people} />
      </Form.Item>
      <Form.Item name="toMemberId" label={t("review.meeting.to")} rules={[{ required: true }]}>
        <Select options={people} />
      </Form.Item>
      <Form.Item
        name="criticism"
        label={t("review.meeting.criticism")}
        rules={[{ required: true }]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="response" label={t("review.meeting.response")}>
        <Input.TextArea autoSize={{ minRows: 1 }} />
      </Form.Item>
      <Button htmlType="submit" loading={save.isPending}>
        {t("review.meeting.addCriticism")}
      </Button>
    </Form>
  );
}
