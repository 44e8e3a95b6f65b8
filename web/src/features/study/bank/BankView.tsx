import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Grid, Segmented, Space, Table, Tag, Typography, Upload } from "antd";
import type { ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOrgScope } from "../../../app/org-scope";
import { ErrorAlert } from "../../../shared/ui/ErrorAlert";
import {
  bankExportUrl,
  confirmImport,
  flagChanged,
  type ImportPreview,
  listQuestions,
  previewImport,
  type Question,
  reviewQuestion,
  reviewQuestions,
} from "../study.api";
import { AnswerKey } from "./AnswerKey";
import { GenerateDialog } from "./GenerateDialog";
import { QuestionForm } from "./QuestionForm";

const STATUS_COLOR = {
  draft: "blue",
  approved: "green",
  flagged: "orange",
  retired: "default",
} as const;

/** The question bank: drafts from the regulation to review, flagged questions, Excel in and out. */
export function BankView() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const { current } = useOrgScope();
  const [status, setStatus] = useState("draft");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // null: closed; "new": a blank form; a question: editing it.
  const [editing, setEditing] = useState<Question | "new" | null>(null);
  const [generating, setGenerating] = useState(false);
  const [picked, setPicked] = useState<number[]>([]);
  const list = useQuery({
    queryKey: ["study", "questions", status],
    queryFn: () => listQuestions(status),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ["study", "questions"] });
  const approveMany = useMutation({
    mutationFn: (ids: number[]) => reviewQuestions(ids, "approve"),
    onSuccess: (r) => {
      void message.success(t("study.admin.approvedMany", { count: r.reviewed }));
      setPicked([]);
      void refresh();
    },
  });
  const confirmApproveMany = () =>
    modal.confirm({
      title: t("study.admin.approveManyTitle", { count: picked.length }),
      content: t("study.admin.approveManyBody"),
      okText: t("study.admin.approve"),
      cancelText: t("common.cancel"),
      onOk: () => approveMany.mutateAsync(picked),
    });
  const flag = useMutation({
    mutationFn: flagChanged,
    onSuccess: (r) => {
      void message.info(t("study.admin.flagged", { count: r.flagged }));
      void refresh();
    },
  });
  const review = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: "approve" | "retire" }) =>
      reviewQuestion(id, decision),
    onSuccess: (_, v) => {
      void message.success(
        t(v.decision === "approve" ? "study.admin.approvedToast" : "study.admin.retiredToast"),
      );
      void refresh();
    },
  });
  const check = useMutation({
    mutationFn: (f: File) => previewImport(current?.orgId ?? 0, f),
    onSuccess: setPreview,
  });
  const load = useMutation({
    mutationFn: () => confirmImport(current?.orgId ?? 0, file as File),
    onSuccess: (r) => {
      void message.success(t("study.admin.imported", { count: r.created }));
      setPreview(null);
      setFile(null);
      void refresh();
    },
  });
  // On a phone the table keeps one column: stem, then its status and buttons underneath.
  const narrow = !Grid.useBreakpoint().md;
  const statusTag = (q: Question) => (
    <Tag color={STATUS_COLOR[q.status]}>{t(`study.admin.qstatus.${q.status}`)}</Tag>
  );
  const actions = (q: Question): ReactNode => (
    <Space wrap size={4}>
      {q.status !== "retired" ? (
        <Button size="small" onClick={() => setEditing(q)} data-testid={`edit-${q.id}`}>
          {t("study.admin.edit")}
        </Button>
      ) : null}
      {q.status === "draft" || q.status === "flagged" ? (
        <Button
          size="small"
          type="primary"
          onClick={() => review.mutate({ id: q.id, decision: "approve" })}
        >
          {t("study.admin.approve")}
        </Button>
      ) : null}
      {q.status !== "retired" ? (
        <Button size="small" onClick={() => review.mutate({ id: q.id, decision: "retire" })}>
          {t("study.admin.retire")}
        </Button>
      ) : null}
    </Space>
  );
  const toolbar = (
    <Space wrap>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        disabled={!current}
        onClick={() => setEditing("new")}
        data-testid="new-question"
      >
        {t("study.admin.newQuestion")}
      </Button>
      <Button disabled={!current} onClick={() => setGenerating(true)} data-testid="generate">
        {t("study.admin.generate")}
      </Button>
      <Button loading={flag.isPending} onClick={() => flag.mutate()}>
        {t("study.admin.flagChanged")}
      </Button>
      <a href={bankExportUrl}>
        <Button icon={<DownloadOutlined />}>{t("study.admin.exportBank")}</Button>
      </a>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(f) => {
          setFile(f);
          check.mutate(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} disabled={!current}>
          {t("study.admin.importBank")}
        </Button>
      </Upload>
    </Space>
  );
  const error =
    list.error ?? approveMany.error ?? flag.error ?? review.error ?? check.error ?? load.error;
  // Flagged questions cite a changed article: each is rewritten, never ticked through.
  const reviewable = status === "draft";
  return (
    <Card title={t("study.admin.bank")} extra={narrow ? undefined : toolbar}>
      {narrow ? <div style={{ marginBottom: 12 }}>{toolbar}</div> : null}
      <ErrorAlert error={error} />
      {preview ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Typography.Paragraph>{t("study.admin.importPreview", preview)}</Typography.Paragraph>
          {preview.rows
            .filter((r) => r.errors.length > 0)
            .slice(0, 20)
            .map((r) => (
              <Typography.Paragraph key={r.row} type="danger">
                {r.row}：{r.errors.map((e) => `${e.column} ${e.message}`).join("；")}
              </Typography.Paragraph>
            ))}
          <Button
            type="primary"
            disabled={preview.invalid > 0 || preview.valid === 0}
            loading={load.isPending}
            onClick={() => load.mutate()}
          >
            {t("study.admin.importConfirm")}
          </Button>
        </Card>
      ) : null}
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(String(v));
          setPicked([]);
        }}
        options={(["draft", "flagged", "approved", "retired"] as const).map((s) => ({
          value: s,
          label: t(`study.admin.qstatus.${s}`),
        }))}
        style={{ marginBottom: 12 }}
      />
      {reviewable ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            disabled={picked.length === 0}
            loading={approveMany.isPending}
            onClick={confirmApproveMany}
            data-testid="approve-many"
          >
            {t("study.admin.approvePicked", { count: picked.length })}
          </Button>
          <Typography.Text type="secondary">{t("study.admin.pickHint")}</Typography.Text>
        </Space>
      ) : null}
      <Table<Question>
        rowKey="id"
        size="small"
        rowSelection={
          reviewable
            ? {
                selectedRowKeys: picked,
                onChange: (keys) => setPicked(keys.map(Number)),
              }
            : undefined
        }
        loading={list.isPending}
        dataSource={list.data?.items}
        columns={[
          {
            title: t("study.admin.stem"),
            dataIndex: "stem",
            render: (stem: string, q) => (
              <>
                {/* Generated stems quote whole articles: three lines, expandable. */}
                <Typography.Paragraph
                  ellipsis={{ rows: 3, expandable: "collapsible" }}
                  style={{ marginBottom: 0 }}
                >
                  <Tag>{t(`study.type.${q.type}`)}</Tag>
                  {stem}
                </Typography.Paragraph>
                <AnswerKey q={q} />
                {q.revisionOf ? (
                  <Tag color="purple">{t("study.admin.revisionOf", { id: q.revisionOf })}</Tag>
                ) : null}
                {q.flagReason ? (
                  <Typography.Text type="warning"> （{q.flagReason}）</Typography.Text>
                ) : null}
                {narrow ? (
                  <Space wrap size={4} style={{ marginTop: 6 }}>
                    {statusTag(q)}
                    {actions(q)}
                  </Space>
                ) : null}
              </>
            ),
          },
          {
            title: t("study.admin.statusCol"),
            dataIndex: "status",
            width: 96,
            responsive: ["md"],
            render: (_, q) => statusTag(q),
          },
          {
            title: "",
            dataIndex: "origin",
            width: 72,
            responsive: ["md"],
            render: (o: Question["origin"]) => t(`study.admin.origin.${o}`),
          },
          {
            key: "actions",
            width: 200,
            responsive: ["md"],
            render: (_, q) => actions(q),
          },
        ]}
      />
      {current ? (
        <GenerateDialog
          orgId={current.orgId}
          open={generating}
          onClose={() => setGenerating(false)}
          onDone={() => {
            setGenerating(false);
            setStatus("draft");
            void refresh();
          }}
        />
      ) : null}
      {current && editing ? (
        <QuestionForm
          orgId={current.orgId}
          question={editing === "new" ? null : editing}
          open
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            void message.success(
              t(r.revisionOf ? "study.admin.revisionSaved" : "study.admin.questionSaved"),
            );
            // The result is a draft either way: show the reviewers' list it landed in.
            setStatus("draft");
            void refresh();
          }}
        />
      ) : null}
    </Card>
  );
}
