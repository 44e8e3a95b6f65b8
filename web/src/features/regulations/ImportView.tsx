import { UploadOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Space,
  Tag,
  Typography,
  Upload,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Forbidden } from "../../app/Forbidden";
import { applyApiError, unplacedError } from "../../shared/form-errors";
import { useSession } from "../../shared/session";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { READER_KEY } from "./queries";
import { docPath } from "./reader-links";
import { type ImportPreview, importRegulation, previewImport } from "./regulations.api";

/** The server takes at most this much text; a larger file is refused here, before the upload. */
const MAX_BYTES = 5_000_000;
const FIELDS = ["text", "effectiveOn"] as const;

interface Values {
  text: string;
  effectiveOn?: Dayjs;
}

/**
 * `/regulations/import`: a system administrator brings in a new version of a regulation.
 * The text is checked first (what it adds, removes and changes against the version in force),
 * and only an explicit confirmation stores it, because a stored version is never deleted.
 */
export function ImportView() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const allowed = useCanImport();
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const body = (v: Values) => ({
    text: v.text,
    effectiveOn: v.effectiveOn ? v.effectiveOn.format("YYYY-MM-DD") : undefined,
  });
  const check = useMutation({
    mutationFn: (v: Values) => previewImport(body(v)),
    onSuccess: setPreview,
    onError: (error) => {
      setPreview(null);
      applyApiError(form, error, FIELDS);
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) => importRegulation(body(v)),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: [READER_KEY] });
      message.success(t("reader.import.done", { title: result.title, no: result.versionNo }));
      navigate(
        result.versionNo > 1
          ? `${docPath(result.documentId)}/diff?from=${result.versionNo - 1}&to=${result.versionNo}`
          : docPath(result.documentId),
      );
    },
    onError: (error) => applyApiError(form, error, FIELDS),
  });

  if (!allowed) return <Forbidden />;

  const confirm = () => {
    if (!preview) return;
    modal.confirm({
      title: t("reader.import.confirmTitle", { title: preview.title, no: preview.versionNo }),
      content: t("reader.import.confirmText"),
      okText: t("reader.import.confirm"),
      onOk: () => save.mutateAsync(form.getFieldsValue()).then(() => undefined),
    });
  };

  const readFile = async (file: File) => {
    if (file.size > MAX_BYTES) {
      form.setFields([{ name: "text", errors: [t("reader.import.tooLarge")] }]);
      return;
    }
    form.setFieldsValue({ text: await file.text() });
    setPreview(null);
  };

  return (
    <Card title={t("reader.import.title")}>
      <Typography.Paragraph type="secondary">{t("reader.import.intro")}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => check.mutate(v)}
        onValuesChange={() => setPreview(null)}
      >
        <Form.Item label={t("reader.import.file")}>
          <Upload
            accept=".md,.txt,text/plain,text/markdown"
            showUploadList={false}
            beforeUpload={(file) => {
              void readFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t("reader.import.pick")}</Button>
          </Upload>
        </Form.Item>
        <Form.Item
          name="text"
          label={t("reader.import.text")}
          rules={[{ required: true, whitespace: true, message: t("reader.import.textRule") }]}
        >
          <Input.TextArea rows={10} placeholder={t("reader.import.placeholder")} />
        </Form.Item>
        <Form.Item
          name="effectiveOn"
          label={t("reader.import.effectiveOn")}
          extra={t("reader.import.effectiveHint")}
        >
          <DatePicker />
        </Form.Item>
        <ErrorAlert error={unplacedError(check.error ?? save.error, FIELDS)} />
        <Button htmlType="submit" loading={check.isPending}>
          {t("reader.import.check")}
        </Button>
      </Form>
      {preview && <PreviewCard preview={preview} saving={save.isPending} onConfirm={confirm} />}
    </Card>
  );
}

function PreviewCard({
  preview,
  saving,
  onConfirm,
}: {
  preview: ImportPreview;
  saving: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const list = (labels: string[], color: string) =>
    labels.length === 0 ? (
      t("reader.import.none")
    ) : (
      <Space size={[4, 4]} wrap>
        {labels.map((label) => (
          <Tag key={label} color={color}>
            {label}
          </Tag>
        ))}
      </Space>
    );
  return (
    <Card type="inner" title={t("reader.import.previewTitle")} style={{ marginTop: 24 }}>
      {preview.sameAsLatest && (
        <Alert
          type="warning"
          showIcon
          title={t("reader.import.same")}
          style={{ marginBottom: 16 }}
        />
      )}
      {preview.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("reader.import.warnings", { count: preview.warnings.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {preview.warnings.map((w) => (
                <li key={`${w.line}-${w.code}`}>
                  {t("reader.import.line", { line: w.line })}
                  {w.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t("reader.import.docTitle")}>
          {preview.title}
          {preview.documentId === null ? (
            <Tag style={{ marginInlineStart: 8 }}>{t("reader.import.newDocument")}</Tag>
          ) : (
            <Link to={docPath(preview.documentId)} style={{ marginInlineStart: 8 }}>
              {t("reader.import.current", { no: preview.latestVersionNo })}
            </Link>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("reader.import.issued")}>
          {[preview.issuer, preview.issuedOn].filter(Boolean).join(" ") || t("reader.import.none")}
        </Descriptions.Item>
        <Descriptions.Item label={t("reader.import.versionNo")}>
          {t("reader.versionOptionNoDate", { no: preview.versionNo })}
        </Descriptions.Item>
        <Descriptions.Item label={t("reader.import.articles")}>
          {preview.articles}
        </Descriptions.Item>
        {preview.documentId !== null && (
          <>
            <Descriptions.Item label={t("reader.diff.added")}>
              {list(preview.added, "green")}
            </Descriptions.Item>
            <Descriptions.Item label={t("reader.diff.removed")}>
              {list(preview.removed, "red")}
            </Descriptions.Item>
            <Descriptions.Item label={t("reader.diff.changed")}>
              {list(preview.changed, "orange")}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      <Button
        type="primary"
        style={{ marginTop: 16 }}
        disabled={preview.sameAsLatest}
        loading={saving}
        onClick={onConfirm}
      >
        {t("reader.import.confirm")}
      </Button>
    </Card>
  );
}

export const useCanImport = () =>
  useSession().data?.permissions.includes("regulations:write") ?? false;

/** The way in from an empty reader or a diff with one version. */
export function ImportLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate("/regulations/import")}>
      {t("reader.import.open")}
    </Button>
  );
}
