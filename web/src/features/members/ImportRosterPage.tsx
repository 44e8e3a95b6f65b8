import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Progress,
  Result,
  Space,
  Spin,
  Steps,
  Table,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import {
  importRoster,
  type PreviewResponse,
  previewRoster,
  type RosterJob,
  type RowIssue,
  TEMPLATE_URL,
} from "./roster.api";

type Stage = "pick" | "checking" | "checked" | "done";

/**
 * Roster import in two steps: the server reads the file and lists every problem by row and
 * column while writing nothing; only a clean file can be confirmed, and then it is written
 * in one transaction.
 */
export function ImportRosterPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const [stage, setStage] = useState<Stage>("pick");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<PreviewResponse | null>(null);
  const [created, setCreated] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<RosterJob["progress"] | null>(null);

  const check = async (picked: File) => {
    setFile(picked);
    setPreview(null);
    setError(null);
    setStage("checking");
    try {
      setPreview(await previewRoster(picked, setProgress));
      setStage("checked");
    } catch (e) {
      setError(e);
      setStage("pick");
    }
  };

  const confirm = async () => {
    if (!file || !preview) return;
    const ok = await modal.confirm({
      title: t("roster.confirmTitle"),
      content: t("roster.confirmBody", { count: preview.rows }),
      okText: t("roster.confirm"),
      cancelText: t("common.cancel"),
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const result = await importRoster(file, setProgress);
      setCreated(result.created);
      setStage("done");
      await client.invalidateQueries({ queryKey: ["members"] });
      await client.invalidateQueries({ queryKey: ["org"] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const reset = () => {
    setStage("pick");
    setFile(null);
    setPreview(null);
    setError(null);
  };

  const current = { pick: 0, checking: 1, checked: 1, done: 2 }[stage];
  const clean = preview !== null && preview.issues.length === 0 && preview.rows > 0;

  return (
    <Card
      title={t("menu.membersImport")}
      extra={
        <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} data-testid="download-template">
          {t("roster.template")}
        </Button>
      }
    >
      <Steps
        current={current}
        size="small"
        style={{ marginBottom: 24 }}
        items={[
          { title: t("roster.step.pick") },
          { title: t("roster.step.check") },
          { title: t("roster.step.done") },
        ]}
      />
      <ErrorAlert error={error} />
      {stage === "pick" && (
        <>
          <Typography.Paragraph type="secondary">{t("roster.intro")}</Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            beforeUpload={(picked) => {
              void check(picked);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("roster.drop")}</p>
            <p className="ant-upload-hint">{t("roster.dropHint")}</p>
          </Upload.Dragger>
        </>
      )}
      {stage === "checking" && (
        <>
          <JobProgress progress={progress} />
          <PageSkeleton rows={4} />
        </>
      )}
      {stage === "checked" && preview && (
        <Space orientation="vertical" style={{ width: "100%" }} size="middle">
          {clean ? (
            <Alert
              type="success"
              showIcon
              title={t("roster.allGood", { count: preview.rows, file: file?.name ?? "" })}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              data-testid="roster-issues"
              title={
                preview.rows === 0
                  ? t("roster.noRows")
                  : t("roster.hasIssues", {
                      issues: preview.issueCount,
                      bad: preview.rows - preview.validRows,
                      count: preview.rows,
                    })
              }
              description={
                <>
                  {t("roster.nothingWritten")}
                  {preview.issueCount > preview.issues.length && (
                    <div data-testid="roster-first-issues" style={{ marginTop: 8 }}>
                      {t("roster.firstIssues", { listed: preview.issues.length })}
                    </div>
                  )}
                </>
              }
            />
          )}
          {preview.issues.length > 0 && (
            <Table<RowIssue>
              size="small"
              rowKey={(i) => `${i.row}-${i.column}-${i.message}`}
              dataSource={preview.issues}
              pagination={preview.issues.length > 20 ? { pageSize: 20, size: "small" } : false}
              scroll={{ x: "max-content" }}
              columns={[
                {
                  title: t("roster.row"),
                  dataIndex: "row",
                  width: 80,
                  render: (r: number) => t("roster.rowN", { row: r }),
                },
                {
                  title: t("roster.column"),
                  dataIndex: "column",
                  width: 110,
                  render: (c: string | null) => c ?? "—",
                },
                { title: t("roster.problem"), dataIndex: "message" },
              ]}
            />
          )}
          {busy && <JobProgress progress={progress} />}
          <Space wrap>
            <Button onClick={reset} disabled={busy}>
              {t("roster.again")}
            </Button>
            <Button
              type="primary"
              disabled={!clean}
              loading={busy}
              onClick={confirm}
              data-testid="confirm-import"
            >
              {t("roster.confirmN", { count: preview.rows })}
            </Button>
          </Space>
        </Space>
      )}
      {stage === "done" && (
        <Result
          status="success"
          title={t("roster.done", { count: created })}
          extra={[
            <Link key="list" to="/members">
              <Button type="primary">{t("roster.toList")}</Button>
            </Link>,
            <Button key="again" onClick={reset}>
              {t("roster.another")}
            </Button>,
          ]}
        />
      )}
    </Card>
  );
}

/** Where a background preview or import stands: rows checked or written. */
function JobProgress({ progress }: { progress: RosterJob["progress"] | null }) {
  const { t } = useTranslation();
  const p = progress ?? { stage: "queued", done: 0, total: null };
  const stage = ["queued", "checking", "writing"].includes(p.stage) ? p.stage : "queued";
  const percent =
    p.total && p.total > 0 ? Math.min(100, Math.floor((p.done / p.total) * 100)) : undefined;
  const text = t(`rosterJobs.${stage}`, { done: p.done.toLocaleString(), total: p.total ?? 0 });
  // A count without a total (rows checked, members written: a file's length is known only
  // once read) gets a spinner; a full bar beside it looked finished.
  return (
    <div data-testid="roster-progress" style={{ marginBottom: 16 }}>
      {percent === undefined ? (
        <Space>
          <Spin size="small" />
          <Typography.Text>{text}</Typography.Text>
        </Space>
      ) : (
        <>
          <Typography.Text>{text}</Typography.Text>
          <Progress percent={percent} status="active" aria-label={text} />
        </>
      )}
      {stage === "writing" && (
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          {t("rosterJobs.writingHint")}
        </Typography.Paragraph>
      )}
    </div>
  );
}
