import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, DatePicker, Form, Input, Modal, Select, Table } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useOrgScope } from "../../../app/org-scope";
import { applyApiError, unplacedError } from "../../../shared/form-errors";
import { useSession } from "../../../shared/session";
import { LoadMore, useCursorList } from "../../../shared/ui/cursor-list";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { createMeeting, listMeetings, type MeetingSummary } from "../review.api";

const FIELDS = ["kind", "topic", "heldOn", "location", "rectifyBy"] as const;

interface FormValues {
  kind: MeetingSummary["kind"];
  heldOn: Dayjs;
  topic: string;
  location?: string;
  rectifyBy: Dayjs;
}

/** The meetings of the chosen scope, newest first, and scheduling a new one. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const { current } = useOrgScope();
  const canManage = useSession().data?.permissions.includes("review:manage") ?? false;
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const query = useCursorList({
    queryKey: ["review", "meetings", current?.orgId],
    fetchPage: (after) => listMeetings({ orgId: current?.orgId, after }),
    enabled: Boolean(current),
  });
  const create = useMutation({
    mutationFn: (v: FormValues) =>
      createMeeting({
        kind: v.kind,
        orgId: current?.orgId ?? 0,
        heldOn: v.heldOn.format("YYYY-MM-DD"),
        topic: v.topic,
        location: v.location ?? "",
        rectifyBy: v.rectifyBy.format("YYYY-MM-DD"),
      }),
    onSuccess: (meeting) => {
      void client.invalidateQueries({ queryKey: ["review"] });
      setOpen(false);
      navigate(`/review/meetings/${meeting.id}`);
    },
    onError: (error) => applyApiError(form, error, FIELDS),
  });
  return (
    <Card
      title={t("review.tabs.meetings")}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t("review.meeting.schedule")}
          </Button>
        )
      }
    >
      <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      <Table<MeetingSummary>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.items}
        scroll={{ x: 640 }}
        pagination={false}
        columns={[
          { title: t("review.meeting.heldOn"), dataIndex: "heldOn", width: 110 },
          {
            title: t("review.meeting.topic"),
            dataIndex: "topic",
            render: (topic: string, m) => <Link to={`/review/meetings/${m.id}`}>{topic}</Link>,
          },
          {
            title: t("review.meeting.kind"),
            dataIndex: "kind",
            render: (k) => t(`review.kind.${k}`),
          },
          { title: t("review.meeting.org"), dataIndex: ["org", "name"] },
          {
            title: t("review.meeting.submitted"),
            render: (_: unknown, m) => `${m.submitted} / ${m.expected}`,
          },
        ]}
      />
      <LoadMore list={query} />
      <Modal
        open={open}
        title={t("review.meeting.schedule")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={unplacedError(create.error, FIELDS)} />
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: "branch_life" }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item label={t("review.meeting.org")}>{current?.orgName}</Form.Item>
          <Form.Item name="kind" label={t("review.meeting.kind")} rules={[{ required: true }]}>
            <Select
              options={(["branch_life", "leadership_life"] as const).map((k) => ({
                value: k,
                label: t(`review.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="topic" label={t("review.meeting.topic")} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="heldOn" label={t("review.meeting.heldOn")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="location" label={t("review.meeting.location")}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="rectifyBy"
            label={t("review.meeting.rectifyBy")}
            rules={[{ required: true }]}
          >
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
