import { Segmented, theme } from "antd";
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
  const { token } = theme.useToken();
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
      {/* Plain elements: antd Typography would add 30 KB to the sign-in page alone. */}
      <h1 style={{ margin: "24px 0 4px", color: "#c8102e", fontSize: 30 }}>{t("app.name")}</h1>
      <p style={{ color: "rgba(0,0,0,0.45)", textAlign: "center", marginTop: 0 }}>
        {t("app.tagline")}
      </p>
      {/* A plain panel, not antd Card: Card brings Tabs, Menu and Dropdown along with it. */}
      <section
        style={{
          width: "100%",
          maxWidth: wide ? 640 : 420,
          background: token.colorBgContainer,
          borderRadius: token.borderRadiusLG,
          border: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <h2
          style={{
            margin: 0,
            padding: "16px 24px",
            fontSize: 16,
            fontWeight: 600,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {title}
        </h2>
        <div style={{ padding: 24 }}>{children}</div>
      </section>
    </div>
  );
}
