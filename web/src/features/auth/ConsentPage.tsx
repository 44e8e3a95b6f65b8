import { useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { SESSION_KEY, useSession } from "../../shared/session";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { AuthCard } from "./AuthCard";
import { consent } from "./auth.api";
import { safeNext } from "./SignInPage";

const SECTIONS = ["purpose", "scope", "protection", "rights", "boundary"] as const;

/** The personal-information notice; the app opens only after the user agrees to its current version. */
export function ConsentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const { data: session, isPending } = useSession();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (isPending) return <PageSkeleton />;
  if (session?.stage !== "active") return <Navigate to="/sign-in" replace />;
  const next = safeNext((location.state as { next?: string } | null)?.next ?? null);
  if (!session.piConsentRequired) return <Navigate to={next} replace />;

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      await consent(session.piNoticeVersion);
      await client.invalidateQueries({ queryKey: SESSION_KEY });
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t("consent.title")} wide>
      <Typography.Paragraph type="secondary">
        {t("consent.version", { version: session.piNoticeVersion })}
      </Typography.Paragraph>
      <div
        style={{ maxHeight: "50vh", overflowY: "auto", marginBottom: 16 }}
        data-testid="pi-notice"
      >
        {SECTIONS.map((s) => (
          <div key={s}>
            <Typography.Title level={5}>{t(`consent.${s}.title`)}</Typography.Title>
            <Typography.Paragraph>{t(`consent.${s}.body`)}</Typography.Paragraph>
          </div>
        ))}
      </div>
      <ErrorAlert error={error} />
      <Checkbox
        checked={agreed}
        onChange={(e) => setAgreed(e.target.checked)}
        style={{ marginBottom: 16 }}
      >
        {t("consent.agree")}
      </Checkbox>
      <Button type="primary" block disabled={!agreed} loading={busy} onClick={accept}>
        {t("consent.accept")}
      </Button>
    </AuthCard>
  );
}
