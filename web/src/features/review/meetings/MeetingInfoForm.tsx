import { EditOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Button, Form, Input, Modal, TimePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applyApiError } from "../../../shared/form-errors";
import { type MeetingDetail, updateMeeting } from "../review.api";

interface Values {
  location: string;
  host: string;
  recorder: string;
  observers: string;
  startsAt: Dayjs | null;
  endsAt: Dayjs | null;
}

const FIELDS = ["location", "host", "recorder", "observers", "startsAt", "endsAt"];
const hhmm = (t: string | null) => {
  if (!t) return null;
  const [h, m] = t.split(":").map(Number);
  return dayjs()
    .hour(h ?? 0)
    .minute(m ?? 0)
    .second(0);
};

/** 主持人, 记录人, 列席 and the hours: what the 会议记录 names besides date and topic. */
export function MeetingInfoForm({
  meeting,
  onSaved,
}: {
  meeting: MeetingDetail;
  onSaved: (m: MeetingDetail) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      updateMeeting(meeting.id, {
        location: v.location ?? "",
        host: v.host ?? "",
        recorder: v.recorder ?? "",
        observers: v.observers ?? "",
        startsAt: v.startsAt ? v.startsAt.format("HH:mm") : null,
        endsAt: v.endsAt ? v.endsAt.format("HH:mm") : null,
      }),
    onSuccess: (m) => {
      onSaved(m);
      setOpen(false);
    },
    onError: (error) => applyApiError(form, error, FIELDS),
  });
  return (
    <>
      <Button
        icon={<EditOutlined />}
        onClick={() => {
          form.setFieldsValue({
            location: meeting.location,
            host: meeting.host,
            recorder: meeting.recorder,
            observers: meeting.observers,
            startsAt: hhmm(meeting.startsAt),
            endsAt: hhmm(meeting.endsAt),
          });
          setOpen(true);
        }}
      >
        {t("review.meeting.editInfo")}
      </Button>
      <Modal
        open={open}
        title={t("review.meeting.editInfo")}
        okText={t("common.save")}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="startsAt" label={t("review.meeting.startsAt")}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="endsAt" label={t("review.meeting.endsAt")}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="location" label={t("review.meeting.location")}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="host" label={t("review.meeting.host")}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="recorder" label={t("review.meeting.recorder")}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="observers"
            label={t("review.meeting.observers")}
            extra={t("review.meeting.observersHint")}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
