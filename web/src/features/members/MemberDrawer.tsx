import { useQuery } from "@tanstack/react-query";
import { Button, Descriptions, Drawer, Grid, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { OpenAccountsButton } from "../accounts/OpenAccountsButton";
import { MemberCommendations } from "../contributions/MemberCommendations";
import { ArchiveMemberDialog, RevealDialog, TransferMemberDialog } from "./MemberDialogs";
import { MemberFormDrawer } from "./MemberFormDrawer";
import { getMember } from "./members.api";

type Dialog = "edit" | "transfer" | "archive" | "idNumber" | "phone" | null;

/** A member's record with the actions the server allows this user on it. */
export function MemberDrawer({
  memberId,
  onClose,
}: {
  memberId: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [revealed, setRevealed] = useState<Record<string, string | null>>({});
  const detail = useQuery({
    queryKey: ["member", memberId],
    queryFn: () => getMember(memberId ?? 0),
    enabled: memberId !== null,
  });
  const m = detail.data;
  const close = () => {
    setRevealed({});
    onClose();
  };

  const sensitive = (field: "idNumber" | "phone", masked: string | null) => (
    <Space size={4} wrap>
      <span>{revealed[field] !== undefined ? (revealed[field] ?? "—") : (masked ?? "—")}</span>
      {m?.can.reveal && masked && revealed[field] === undefined && (
        <Button type="link" size="small" onClick={() => setDialog(field)}>
          {t("members.reveal")}
        </Button>
      )}
    </Space>
  );

  return (
    <Drawer
      open={memberId !== null}
      onClose={close}
      size={screens.md ? 560 : "100%"}
      title={m ? m.name : t("members.detail")}
      extra={
        m && (
          <Space wrap size={4}>
            {m.can.openAccount && (
              <OpenAccountsButton
                size="small"
                target={{ memberIds: [m.id] }}
                label={t("accounts.openOne")}
                confirmText={t("accounts.openOneConfirm", { name: m.name })}
              />
            )}
            {m.can.edit && (
              <Button size="small" onClick={() => setDialog("edit")}>
                {t("common.edit")}
              </Button>
            )}
            {m.can.transfer && (
              <Button size="small" onClick={() => setDialog("transfer")}>
                {t("members.transfer")}
              </Button>
            )}
            {m.can.archive && (
              <Button size="small" danger onClick={() => setDialog("archive")}>
                {t("members.archive")}
              </Button>
            )}
          </Space>
        )
      }
    >
      {detail.isPending && <PageSkeleton rows={8} />}
      <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      {m && (
        <>
          {m.archivedAt && (
            <Tag color="default" style={{ marginBottom: 12 }}>
              {t("members.archivedTag", { reason: m.archiveReason ?? "" })}
            </Tag>
          )}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t("members.field.gender")}>
              {t(`members.gender.${m.gender}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.field.ethnicity")}>
              {m.ethnicity ?? "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.field.birthDate")}>
              {m.birthDate ?? t("members.birthYearOnly", { year: m.birthYear })}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.field.idNumber")}>
              {sensitive("idNumber", m.idNumberMasked)}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.field.phone")}>
              {sensitive("phone", m.phoneMasked)}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.field.status")}>
              {t(`members.status.${m.status}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.field.joinedOn")}>{m.joinedOn}</Descriptions.Item>
            <Descriptions.Item label={t("members.field.confirmedOn")}>
              {m.confirmedOn ?? "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.field.cadre")}>
              {m.isCadre ? `${t("common.yes")} · ${m.position ?? ""}` : t("common.no")}
            </Descriptions.Item>
            <Descriptions.Item label={t("accounts.column")}>
              {t(`accounts.state.${m.account}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.field.org")}>
              {m.org.name} <Typography.Text type="secondary">{m.org.code}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t("members.history")}
          </Typography.Title>
          <Timeline
            items={m.history.map((h) => ({
              key: `${h.org.id}-${h.fromDate}`,
              color: h.toDate ? "gray" : "red",
              content: (
                <>
                  <div>{h.org.name}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {h.fromDate} — {h.toDate ?? t("members.now")}
                    {h.reason ? ` · ${h.reason}` : ""}
                  </Typography.Text>
                </>
              ),
            }))}
          />
          <MemberCommendations memberId={m.id} />
          <MemberFormDrawer open={dialog === "edit"} member={m} onClose={() => setDialog(null)} />
          <TransferMemberDialog
            open={dialog === "transfer"}
            member={m}
            onClose={() => setDialog(null)}
          />
          <ArchiveMemberDialog
            open={dialog === "archive"}
            member={m}
            onClose={() => setDialog(null)}
          />
          <RevealDialog
            field={dialog === "idNumber" || dialog === "phone" ? dialog : null}
            member={m}
            onClose={() => setDialog(null)}
            onRevealed={(field, value) => setRevealed((r) => ({ ...r, [field]: value }))}
          />
        </>
      )}
    </Drawer>
  );
}
