import { Card, Segmented, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { changeLanguage, type Language } from "../../shared/i18n";

/** The frame of every step before the app itself: sign-in, password change, TOTP, consent. */
export function AuthCard({
  title,
  children,
  wide,
}: {
  title: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        padding: "24px 12px",
        background: "linear-gradient(180deg, #fff1f0 0%, #f5f5f5 240px)",
      }}
    >
      <div
        style={{
          width: "100%",
          maxWidth: wide ? 640 : 420,
          display: "flex",
          justifyContent: "flex-end",
        }}
      >
        <Segmented
          size="small"
          value={i18n.language}
          onChange={(v) => void changeLanguage(v as Language)}
          options={[
            { label: "中文", value: "zh-CN" },
            { label: "EN", value: "en-US" },
          ]}
          aria-label={t("layout.language")}
        />
      </div>
      <Typography.Title level={2} style={{ margin: "24px 0 4px", color: "#c8102e" }}>
        {t("app.name")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
        {t("app.tagline")}
      </Typography.Paragraph>
      <Card title={title} style={{ width: "100%", maxWidth: wide ? 640 : 420 }}>
        {children}
      </Card>
    </div>
  );
}
