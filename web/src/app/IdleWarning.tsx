import { useQueryClient } from "@tanstack/react-query";
import { Modal } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { onApiActivity } from "../shared/api";
import { fetchSession, SESSION_KEY, useSignOut } from "../shared/session";
import { idlePhase, secondsLeft } from "./idle";

/**
 * Two minutes before the server would end an idle session, asks whether to stay signed in;
 * staying makes one request, which is what refreshes the server's timer. At the timeout it
 * signs out here too, so no page keeps showing data the server already locked away.
 */
export function IdleWarning({ timeoutSeconds }: { timeoutSeconds: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signOut = useSignOut();
  const lastActivity = useRef(Date.now());
  const [now, setNow] = useState(Date.now());

  useEffect(
    () =>
      onApiActivity(() => {
        lastActivity.current = Date.now();
      }),
    [],
  );
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const timeoutMs = timeoutSeconds * 1000;
  const elapsed = now - lastActivity.current;
  const phase = idlePhase(elapsed, timeoutMs);

  useEffect(() => {
    if (phase !== "expired") return;
    void signOut().then(() => navigate("/sign-in?reason=idle", { replace: true }));
  }, [phase, signOut, navigate]);

  const stay = async () => {
    client.setQueryData(SESSION_KEY, await fetchSession());
  };

  return (
    <Modal
      open={phase === "warn"}
      title={t("idle.title")}
      okText={t("idle.stay")}
      cancelText={t("idle.signOut")}
      onOk={stay}
      onCancel={() => void signOut().then(() => navigate("/sign-in", { replace: true }))}
      closable={false}
      mask={{ closable: false }}
    >
      {t("idle.body", { seconds: secondsLeft(elapsed, timeoutMs) })}
    </Modal>
  );
}
