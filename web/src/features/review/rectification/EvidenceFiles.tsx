import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Flex, Typography, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import { evidenceUrl, type Rectification, uploadEvidence } from "../review.api";

/** The server checks the first bytes; this only narrows the file picker. */
const ACCEPT = ".pdf,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

/**
 * An item's evidence: the text, the uploaded files as download links, and (when the server
 * says the caller may complete the item) an upload button whose error shows right beneath it.
 */
export function EvidenceFiles({ item }: { item: Rectification }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadEvidence(item.id, file),
    onSuccess: () => client.invalidateQueries({ queryKey: ["review", "rect"] }),
  });
  const error = upload.error
    ? upload.error instanceof ApiError
      ? upload.error.message
      : t("common.networkError")
    : null;
  return (
    <Flex vertical gap={4} align="flex-start">
      {item.evidence && <Typography.Text>{item.evidence}</Typography.Text>}
      {item.evidenceFiles.map((f) => (
        <a key={f.id} href={evidenceUrl(item.id, f.id)} download style={{ wordBreak: "break-all" }}>
          <PaperClipOutlined /> {f.fileName}
        </a>
      ))}
      {item.can.complete && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          customRequest={({ file }) => upload.mutate(file as File)}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
            {t("review.rect.uploadEvidence")}
          </Button>
        </Upload>
      )}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Flex>
  );
}
