import { UploadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Button, Typography, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";

/** One evidence file at a time, with the accepted types under the button and the error below. */
export function EvidenceUpload({
  send,
  onDone,
}: {
  send: (file: File) => Promise<unknown>;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const upload = useMutation({ mutationFn: send, onSuccess: onDone });
  return (
    <>
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          upload.mutate(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 8 }}>
          {t("cases.detail.upload")}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
        {t("cases.detail.uploadHelp")}
      </Typography.Text>
      <ErrorAlert error={upload.error} />
    </>
  );
}
