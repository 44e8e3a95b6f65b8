import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Grid,
  Input,
  List,
  Radio,
  Space,
  Table,
  Tag,
  Upload,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../../shared/ui/PageSkeleton";
import {
  attachmentUrl,
  getMeeting,
  type MeetingDetail,
  materialUrl,
  meetingRecordUrl,
  recordAttendance,
  updateMinutes,
  uploadAttachment,
} from "../review.api";
import { CriticismForm } from "./CriticismForm";
import { MeetingInfoForm } from "./MeetingInfoForm";

type Attendee = MeetingDetail["attendees"][number];

/** One meeting: 应到/实到, each attendee's material, minutes, 相互批评, files and the record. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const query = useQuery({ queryKey: ["review", "meeting", id], queryFn: () => getMeeting(id) });
  const [minutes, setMinutes] = useState("");
  const [absence, setAbsence] = useState<Record<number, string>>({});
  const narrow = !Grid.useBreakpoint().md;
  useEffect(() => setMinutes(query.data?.minutes ?? ""), [query.data?.minutes]);
  const refresh = (m: MeetingDetail) => client.setQueryData(["review", "meeting", id], m);
  const saveMinutes = useMutation({
    mutationFn: () => updateMinutes(id, minutes),
    onSuccess: (m) => {
      refresh(m);
      void message.success(t("review.self.saved"));
    },
  });
  const attendance = useMutation({
    mutationFn: (a: { memberId: number; present: boolean; absenceReason?: string }) =>
      recordAttendance(id, [a]),
    onSuccess: refresh,
  });
  const allPresent = useMutation({
    mutationFn: (ids: number[]) =>
      recordAttendance(
        id,
        ids.map((memberId) => ({ memberId, present: true })),
      ),
    onSuccess: refresh,
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(id, file),
    onSuccess: refresh,
  });

  if (query.isLoading) return <PageSkeleton />;
  const m = query.data;
  if (!m) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const manage = m.can.manage;
  const unrecorded = m.attendees.filter((a) => a.present === null);
  const nameOf = (a: Attendee) => (a.isCadre ? `${a.name}（${a.position ?? ""}）` : a.name);
  const reasonInput = (a: Attendee) => (
    <Input.Search
      size="small"
      autoFocus
      aria-label={t("review.meeting.absenceReason")}
      placeholder={t("review.meeting.absenceReason")}
      enterButton={t("common.save")}
      style={{ maxWidth: 260 }}
      onSearch={(reason) => {
        if (!reason.trim()) return;
        attendance.mutate({ memberId: a.memberId, present: false, absenceReason: reason });
        setAbsence(({ [a.memberId]: _, ...rest }) => rest);
      }}
    />
  );
  // 未登记 until someone records it: a meeting still to come shows nobody as present.
  const presentCell = (a: Attendee) =>
    manage ? (
      <Space wrap>
        <Radio.Group
          size="small"
          optionType="button"
          disabled={attendance.isPending}
          value={
            absence[a.memberId] !== undefined
              ? "absent"
              : a.present === null
                ? undefined
                : a.present
                  ? "present"
                  : "absent"
          }
          options={[
            { value: "present", label: t("review.meeting.markPresent") },
            { value: "absent", label: t("review.meeting.markAbsent") },
          ]}
          onChange={(e) => {
            if (e.target.value !== "present") {
              setAbsence((s) => ({ ...s, [a.memberId]: "" }));
              return;
            }
            attendance.mutate({ memberId: a.memberId, present: true });
            setAbsence(({ [a.memberId]: _, ...rest }) => rest);
          }}
        />
        {absence[a.memberId] !== undefined
          ? reasonInput(a)
          : a.present === false
            ? a.absenceReason
            : null}
        {a.present === null && absence[a.memberId] === undefined && (
          <Tag>{t("review.meeting.unrecorded")}</Tag>
        )}
      </Space>
    ) : a.present === null ? (
      t("review.meeting.unrecorded")
    ) : a.present ? (
      t("common.yes")
    ) : (
      a.absenceReason
    );
  const selfReviewCell = (a: Attendee) =>
    a.selfReview && (
      <Space wrap>
        <Tag color={a.selfReview.status === "submitted" ? "green" : undefined}>
          {t(`review.status.${a.selfReview.status}`)}
        </Tag>
        {a.selfReview.gaps > 0 && t("review.meeting.gaps", { count: a.selfReview.gaps })}
        <Link to={`/review/self-reviews/${a.selfReview.id}`}>{t("review.meeting.view")}</Link>
        <a href={materialUrl(a.selfReview.id)} download>
          {t("review.meeting.exportMaterial")}
        </a>
      </Space>
    );
  const exportButton = (
    <Button icon={<DownloadOutlined />} href={meetingRecordUrl(m.id)} download>
      {t("review.meeting.exportRecord")}
    </Button>
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={`${m.org.name} · ${t(`review.kind.${m.kind}`)}`}
        extra={narrow ? null : exportButton}
      >
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          items={[
            { label: t("review.meeting.topic"), children: m.topic },
            { label: t("review.meeting.heldOn"), children: m.heldOn },
            { label: t("review.meeting.location"), children: m.location || "—" },
            {
              label: t("review.meeting.hours"),
              children: m.startsAt ? `${m.startsAt}—${m.endsAt ?? ""}` : "—",
            },
            { label: t("review.meeting.host"), children: m.host || "—" },
            { label: t("review.meeting.recorder"), children: m.recorder || "—" },
            { label: t("review.meeting.observers"), children: m.observers || "—" },
            { label: t("review.meeting.rectifyBy"), children: m.rectifyBy },
            {
              label: t("review.meeting.attendees"),
              children: t("review.meeting.attendance", {
                expected: m.expected,
                present: m.present,
              }),
            },
            { label: t("review.meeting.submitted"), children: `${m.submitted} / ${m.expected}` },
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          {manage && <MeetingInfoForm meeting={m} onSaved={refresh} />}
          {manage && unrecorded.length > 0 && (
            <Button
              loading={attendance.isPending}
              onClick={() =>
                modal.confirm({
                  title: t("review.meeting.allPresentConfirm", { count: unrecorded.length }),
                  onOk: () => allPresent.mutateAsync(unrecorded.map((a) => a.memberId)),
                })
              }
            >
              {t("review.meeting.allPresent")}
            </Button>
          )}
          {narrow && exportButton}
        </Space>
      </Card>
      <ErrorAlert
        error={attendance.error ?? allPresent.error ?? saveMinutes.error ?? upload.error}
      />
      <Card title={t("review.meeting.attendees")}>
        {narrow ? (
          // A phone lists one attendee per row: the material's status and links stay in view.
          <List
            dataSource={m.attendees}
            renderItem={(a) => (
              <List.Item key={a.memberId} style={{ display: "block" }}>
                <Flex justify="space-between" align="center" gap={8}>
                  <b>{nameOf(a)}</b>
                  {presentCell(a)}
                </Flex>
                <div style={{ marginTop: 4 }}>{selfReviewCell(a)}</div>
              </List.Item>
            )}
          />
        ) : (
          <Table<Attendee>
            rowKey="memberId"
            dataSource={m.attendees}
            pagination={false}
            scroll={{ x: 560 }}
            columns={[
              {
                title: t("review.meeting.attendees"),
                dataIndex: "name",
                render: (_: string, a) => nameOf(a),
              },
              { title: t("review.meeting.present"), render: (_: unknown, a) => presentCell(a) },
              {
                title: t("review.meeting.selfReview"),
                render: (_: unknown, a) => selfReviewCell(a),
              },
            ]}
          />
        )}
      </Card>
      <Card title={t("review.meeting.minutes")}>
        <Input.TextArea
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          autoSize={{ minRows: 4, maxRows: 16 }}
          readOnly={!manage}
          aria-label={t("review.meeting.minutes")}
        />
        {manage && (
          <Button
            style={{ marginTop: 12 }}
            loading={saveMinutes.isPending}
            onClick={() => saveMinutes.mutate()}
          >
            {t("review.meeting.saveMinutes")}
          </Button>
        )}
      </Card>
      <Card title={t("review.meeting.criticisms")}>
        {m.criticisms.map((c) => (
          <p key={c.id}>
            <b>{c.fromName}</b> → <b>{c.toName}</b>：{c.criticism}
            {c.response && (
              <>
                <br />
                {c.toName}：{c.response}
              </>
            )}
          </p>
        ))}
        {manage && <CriticismForm meeting={m} onSaved={refresh} />}
      </Card>
      <Card title={t("review.meeting.attachments")}>
        {m.attachments.map((a) => (
          <div key={a.id}>
            <a href={attachmentUrl(m.id, a.id)} download>
              {a.fileName}
            </a>
          </div>
        ))}
        {manage && (
          <Upload showUploadList={false} customRequest={({ file }) => upload.mutate(file as File)}>
            <Button icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 8 }}>
              {t("review.meeting.upload")}
            </Button>
          </Upload>
        )}
      </Card>
    </Space>
  );
}
