import { PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { OpenMemberAccountsResponse } from "./accounts.api";
import "./slips.css";

/** Where a member signs in, as printed on the slip: this server's own sign-in page. */
export function signInAddress(): string {
  return `${window.location.origin}/sign-in`;
}

/**
 * The one-time passwords, shown once as a sheet of slips to print, cut and hand over in
 * person. Closing asks first: after that nobody can see these passwords again.
 */
export function AccountSlips({
  result,
  onClose,
}: {
  result: OpenMemberAccountsResponse | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [modal, holder] = Modal.useModal();
  const opened = result?.opened ?? [];
  const close = () => {
    if (opened.length === 0) return onClose();
    modal.confirm({
      title: t("accounts.closeTitle"),
      content: t("accounts.closeBody"),
      okText: t("accounts.closeOk"),
      cancelText: t("common.cancel"),
      onOk: onClose,
    });
  };
  return (
    <Modal
      open={result !== null}
      title={t("accounts.slipsTitle", { count: opened.length })}
      width={880}
      onCancel={close}
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={close}>{t("accounts.done")}</Button>
          {opened.length > 0 && (
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t("accounts.print")}
            </Button>
          )}
        </Space>
      }
    >
      {holder}
      {opened.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t("accounts.onceOnly")}
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Alert type="info" showIcon title={t("accounts.noneOpened")} style={{ marginBottom: 12 }} />
      )}
      {result && (result.alreadyOpen > 0 || result.remaining > 0) && (
        <Typography.Paragraph type="secondary">
          {result.alreadyOpen > 0 && t("accounts.alreadyOpen", { count: result.alreadyOpen })}
          {result.remaining > 0 && ` ${t("accounts.remaining", { count: result.remaining })}`}
        </Typography.Paragraph>
      )}
      <div className="wg-slips" data-testid="account-slips">
        {opened.map((s) => (
          <div className="wg-slip" key={s.memberId} data-testid="account-slip">
            <div className="wg-slip-title">{t("accounts.slipHeading")}</div>
            <div>
              {t("accounts.slipName")}：{s.name}
            </div>
            <div>
              {t("accounts.slipOrg")}：{s.orgName}
            </div>
            <div>
              {t("accounts.slipUsername")}：<code data-testid="slip-username">{s.username}</code>
            </div>
            <div>
              {t("accounts.slipPassword")}：
              <code data-testid="slip-password">{s.oneTimePassword}</code>
            </div>
            <div>
              {t("accounts.slipWhere")}：{signInAddress()}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("accounts.slipNote")}
            </Typography.Text>
          </div>
        ))}
      </div>
    </Modal>
  );
}
