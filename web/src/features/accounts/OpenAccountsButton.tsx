import { KeyOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button } from "antd";
import { useTranslation } from "react-i18next";
import { openMemberAccounts } from "./accounts.api";
import { useShowSlips } from "./slips-host";

/**
 * 一键开通 (every member of an org without an account) or 开通账号 (the listed members), each
 * after a confirmation; the slips follow in the layout's dialog (slips-host), which shows the passwords once.
 */
export function OpenAccountsButton({
  target,
  label,
  confirmText,
  size,
  primary,
}: {
  target: { orgId: number } | { memberIds: number[] };
  label: string;
  confirmText: string;
  size?: "small" | "middle";
  primary?: boolean;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const showSlips = useShowSlips();
  const open = useMutation({
    mutationFn: () => openMemberAccounts(target),
    onSuccess: (answer) => {
      showSlips(answer);
      void client.invalidateQueries({ queryKey: ["members"] });
      void client.invalidateQueries({ queryKey: ["member"] });
    },
    onError: (error) => message.error(error.message),
  });
  return (
    <Button
      icon={<KeyOutlined />}
      size={size}
      type={primary ? "primary" : "default"}
      loading={open.isPending}
      data-testid="open-accounts"
      onClick={() =>
        modal.confirm({
          title: label,
          content: confirmText,
          okText: t("accounts.confirmOk"),
          cancelText: t("common.cancel"),
          onOk: () => open.mutateAsync().then(() => undefined),
        })
      }
    >
      {label}
    </Button>
  );
}
