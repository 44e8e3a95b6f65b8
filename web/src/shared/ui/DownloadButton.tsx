import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";
import { fetchDownload, saveFile } from "../download";

const MB = 1024 * 1024;

/**
 * An export button that says what is happening: from the click, 正在导出 with the megabytes
 * received so far (0 while the server builds the file), then the browser's own download. Still
 * a link, so it can be opened in a new tab. Errors appear as the server's message, not as a
 * downloaded error page.
 */
export function DownloadButton({
  href,
  children,
  testId,
}: {
  href: string;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [received, setReceived] = useState<number | null>(null);

  const start = async () => {
    setReceived(0);
    try {
      const { blob, name } = await fetchDownload(href, setReceived);
      saveFile(blob, name);
      message.success(t("rosterJobs.exported"));
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : t("common.networkError"));
    } finally {
      setReceived(null);
    }
  };

  const busy = received !== null;
  return (
    <Button
      icon={<DownloadOutlined />}
      href={href}
      loading={busy}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        if (!busy) void start();
      }}
    >
      {received === null
        ? children
        : t("rosterJobs.exporting", { size: `${(received / MB).toFixed(1)} MB` })}
    </Button>
  );
}
