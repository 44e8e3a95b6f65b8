import { useQueryClient } from "@tanstack/react-query";
import { lazy, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useSearchParams } from "react-router";
import { SESSION_KEY, useSession } from "../../shared/session";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { AuthCard } from "./AuthCard";
import { ChangePasswordStep } from "./ChangePasswordStep";
import { PasswordStep } from "./PasswordStep";

// Only administrators reach the TOTP steps, so members do not download them.
const totpSteps = () => import("./TotpSteps");
const TotpEnrolStep = lazy(() => totpSteps().then((m) => ({ default: m.TotpEnrolStep })));
const TotpVerifyStep = lazy(() => totpSteps().then((m) => ({ default: m.TotpVerifyStep })));
const RecoveryCodes = lazy(() => totpSteps().then((m) => ({ default: m.RecoveryCodes })));

/** Only same-app paths, so a crafted ?next= cannot send the user to another site. */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/**
 * Sign-in walks the session through the stages the server names: password, then (first
 * time) a new password, then for administrators TOTP enrolment or a code. The server's
 * stage decides the step, so a reload resumes where the user was.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const { data: session, isPending, error, refetch } = useSession();
  // Kept only in memory between the two steps, so the user need not type it twice.
  const [password, setPassword] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const reload = () => client.invalidateQueries({ queryKey: SESSION_KEY });

  if (isPending) return <PageSkeleton />;
  if (error) {
    return (
      <AuthCard title={t("auth.signInTitle")}>
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      </AuthCard>
    );
  }
  if (recoveryCodes) {
    return (
      <AuthCard title={t("auth.recoveryCardTitle")}>
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      </AuthCard>
    );
  }
  if (!session) {
    const notice = params.get("reason") === "idle" ? t("auth.idleSignedOut") : undefined;
    return (
      <AuthCard title={t("auth.signInTitle")}>
        <PasswordStep
          notice={notice}
          onDone={(pw) => {
            setPassword(pw);
            void reload();
          }}
        />
      </AuthCard>
    );
  }
  switch (session.stage) {
    case "password_change":
      return (
        <AuthCard title={t("auth.changeTitle")}>
          <ChangePasswordStep
            knownPassword={password}
            onDone={() => {
              setPassword(null);
              void reload();
            }}
          />
        </AuthCard>
      );
    case "totp_enrol":
      return (
        <AuthCard title={t("auth.totpEnrolTitle")}>
          <TotpEnrolStep
            onDone={(codes) => {
              setRecoveryCodes(codes);
              void reload();
            }}
          />
        </AuthCard>
      );
    case "totp":
      return (
        <AuthCard title={t("auth.totpTitle")}>
          <TotpVerifyStep onDone={() => void reload()} />
        </AuthCard>
      );
    case "active":
      return <Navigate to={safeNext(params.get("next"))} replace />;
  }
}
