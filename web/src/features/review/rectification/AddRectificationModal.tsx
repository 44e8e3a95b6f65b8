import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, DatePicker, Form, Input, Radio, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../../shared/ui/FormModal";
import { createRectification, listMeetings } from "../review.api";
import { OwnerSelect } from "./OwnerSelect";

const SOURCES = ["criticism", "higher_feedback", "other"] as const;
interface Values {
  source: (typeof SOURCES)[number];
  meetingId?: number;
  ownerMemberId: number;
  problem: string;
  measure: string;
  dueOn: Dayjs;
}

/**
 * The secretary records a problem no self-review listed (相互批评 at a meeting, a higher
 * committee's feedback, anything else) and hands it to a member, who is told on saving. The
 * owner is named in a confirmation first; a refused field shows at that field.
 */
export function AddRectificationModal({
  org,
  open,
  onClose,
}: {
  org: { orgId: number; orgName: string };
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const ownerName = useRef("");
  const meetings = useQuery({
    queryKey: ["review", "meetings", org.orgId],
    queryFn: () => listMeetings({ orgId: org.orgId }),
    enabled: open,
  });
  const submit = async (v: Values) => {
    const confirmed = await modal.confirm({
      title: t("review.rect.addConfirm", { name: ownerName.current }),
      content: v.problem,
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
    });
    if (!confirmed) return;
    await createRectification({
      orgId: org.orgId,
      source: v.source,
      meetingId: v.source === "criticism" ? v.meetingId : undefined,
      ownerMemberId: v.ownerMemberId,
      problem: v.problem,
      measure: v.measure,
      dueOn: v.dueOn.format("YYYY-MM-DD"),
    });
    await client.invalidateQueries({ queryKey: ["review", "rect"] });
    void message.success(t("review.rect.added"));
    onClose();
  };
  return (
    <FormModal<Values>
      open={open}
      title={`${t("review.rect.addTitle")} · ${org.orgName}`}
      fields={["source", "meetingId", "ownerMemberId", "problem", "measure", "dueOn"]}
      initialValues={{ source: "higher_feedback", dueOn: dayjs().add(30, "day") }}
      onSubmit={submit}
      onClose={onClose}
    >
      {() => (
        <>
          <Form.Item name="source" label={t("review.rect.source")} rules={[{ required: true }]}>
            <Radio.Group
              options={SOURCES.map((s) => ({ value: s, label: t(`review.rect.sources.${s}`) }))}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.source !== b.source}>
            {({ getFieldValue }) => {
              const meetingId: number | undefined = getFieldValue("meetingId");
              const criticism = getFieldValue("source") === "criticism";
              return (
                <>
                  {criticism && (
                    <Form.Item
                      name="meetingId"
                      label={t("review.rect.meeting")}
                      rules={[{ required: true }]}
                    >
                      <Select
                        loading={meetings.isLoading}
                        options={(meetings.data?.items ?? []).map((m) => ({
                          value: m.id,
                          label: `${m.heldOn} ${m.topic}`,
                        }))}
                      />
                    </Form.Item>
                  )}
                  <Form.Item
                    name="ownerMemberId"
                    label={t("review.rect.owner")}
                    rules={[{ required: true }]}
                  >
                    <OwnerSelect
                      orgId={org.orgId}
                      meetingId={criticism ? (meetingId ?? null) : null}
                      onName={(n) => {
                        ownerName.current = n;
                      }}
                    />
                  </Form.Item>
                </>
              );
            }}
          </Form.Item>
          <Form.Item
            name="problem"
            label={t("review.rect.problem")}
            rules={[{ required: true, min: 2 }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
          <Form.Item
            name="measure"
            label={t("review.rect.measure")}
            rules={[{ required: true, min: 2 }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="dueOn" label={t("review.rect.dueOn")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
