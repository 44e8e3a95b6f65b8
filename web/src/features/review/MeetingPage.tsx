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
  Space,
  Switch,
  Table,
  Tag,
  Upload,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { CriticismForm } from "./CriticismForm";
import {
  attachmentUrl,
  getMeeting,
  type MeetingDetail,
  materialUrl,
  meetingRecordUrl,
  recordAttendance,
  updateMinutes,
  uploadAttachment,
} from "./review.api";

type Attendee = MeetingDetail["attendees"][number];

/** One meeting: 应到/实到, each attendee's material, minutes, 相互批评, files and the record. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
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
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(id, file),
    onSuccess: refresh,
  });

  if (query.isLoading) return <PageSkeleton />;
  const m = query.data;
  if (!m) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const manage = m.can.manage;
  const nameOf = (a: Attendee) => (a.isCadre ? `${a.name}（${a.position ?? ""}）` : a.name);
  const presentCell = (a: Attendee) =>
    manage ? (
      <Space wrap>
        <Switch
          size="small"
          checked={a.present}
          disabled={attendance.isPending}
          onChange={(present) =>
            present
              ? attendance.mutate({ memberId: a.memberId, present })
              : setAbsence((s) => ({ ...s, [a.memberId]: "" }))
          }
        />
        {absence[a.memberId] !== undefined && a.present ? (
          <Input.Search
            size="small"
            placeholder={t("review.meeting.absenceReason")}
            enterButton={t("common.save")}
            onSearch={(reason) => {
              attendance.mutate({
                memberId: a.memberId,
                present: false,
                absenceReason: reason,
              });
              setAbsence(({ [a.memberId]: _, ...rest }) => rest);
            }}
          />
        ) : (
          a.absenceReason
        )}
      </Space>
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
        {narrow && exportButton}
      </Card>
      <ErrorAlert error={attendance.error ?? saveMinutes.error ?? upload.error} />
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
