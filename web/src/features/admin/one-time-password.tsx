import type { App } from "antd";
import { Typography } from "antd";
import type { TFunction } from "i18next";

/** A one-time password is shown once, here, and never again. */
export function showOneTimePassword(
  modal: ReturnType<typeof App.useApp>["modal"],
  t: TFunction,
  username: string,
  password: string,
) {
  modal.info({
    title: t("users.otpTitle", { username }),
    content: (
      <>
        <Typography.Paragraph>{t("users.otpBody")}</Typography.Paragraph>
        <Typography.Text code copyable style={{ fontSize: 16 }} data-testid="one-time-password">
          {password}
        </Typography.Text>
      </>
    ),
    okText: t("users.otpSaved"),
  });
}
