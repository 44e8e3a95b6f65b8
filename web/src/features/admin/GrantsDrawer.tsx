import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { FormModal } from "../../shared/ui/FormModal";
import { OrgSearch } from "../orgs/OrgSearch";
import {
  endGrant,
  type GrantView,
  grantRole,
  listGrants,
  type Role,
  resetPassword,
  setUserDisabled,
  type UserView,
} from "./admin.api";
import { showOneTimePassword } from "./one-time-password";

const ROLES: Role[] = [
  "member",
  "secretary",
  "discipline_officer",
  "propaganda_officer",
  "system_admin",
  "security_admin",
  "audit_admin",
];
export const ROLE_OPTIONS = (t: (k: string) => string) =>
  ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

const STATUS_COLOR: Record<GrantView["status"], string> = {
  active: "green",
  scheduled: "blue",
  ended: "default",
  revoked: "default",
};

function GrantDialog({
  open,
  user,
  onClose,
}: {
  open: boolean;
  user: UserView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [org, setOrg] = useState<number | null>(null);
  return (
    <FormModal<{ role: Role; range: [Dayjs, Dayjs | null] }>
      open={open}
      title={t("grants.add", { name: user.displayName })}
      fields={["role", "orgId", "startsOn", "endsOn"]}
      initialValues={{ range: [dayjs(), null] }}
      onClose={onClose}
      onSubmit={async ({ role, range }) => {
        await grantRole(user.id, {
          role,
          orgId: org ?? 0,
          startsOn: range[0].format("YYYY-MM-DD"),
          endsOn: range[1] ? range[1].format("YYYY-MM-DD") : null,
        });
        await client.invalidateQueries({ queryKey: ["grants", user.id] });
        onClose();
      }}
    >
      {() => (
        <>
          <Form.Item
            name="role"
            label={t("grants.role")}
            rules={[{ required: true, message: t("grants.roleRequired") }]}
          >
            <Select options={ROLE_OPTIONS(t)} />
          </Form.Item>
          <Form.Item
            name="orgId"
            label={t("grants.org")}
            extra={t("grants.orgHint")}
            rules={[
              {
                validator: () =>
                  org ? Promise.resolve() : Promise.reject(new Error(t("members.rule.org"))),
              },
            ]}
          >
            <OrgSearch onPick={(o) => setOrg(o.id)} />
          </Form.Item>
          <Form.Item
            name="range"
            label={t("grants.period")}
            extra={t("grants.periodHint")}
            rules={[{ required: true }]}
          >
            <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: "100%" }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** One account: its state, the administrative actions the server allows, and its grants with dates. */
export function GrantsDrawer({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [granting, setGranting] = useState(false);
  const grants = useQuery({
    queryKey: ["grants", user?.id],
    queryFn: () => listGrants(user?.id ?? 0),
    enabled: user !== null,
  });
  if (!user) return null;

  const act = async (title: string, run: () => Promise<void>) => {
    if (
      !(await modal.confirm({ title, okText: t("common.confirm"), cancelText: t("common.cancel") }))
    )
      return;
    try {
      await run();
      await client.invalidateQueries({ queryKey: ["users"] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 720 : "100%"}
      title={`${user.displayName}（${user.username}）`}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("users.org")}>{user.orgName ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("users.createdAt")}>
          {new Date(user.createdAt).toLocaleDateString()}
        </Descriptions.Item>
      </Descriptions>
      {user.abilities.manage && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Button
            danger={!user.disabled}
            onClick={() =>
              act(
                t(user.disabled ? "users.enableConfirm" : "users.disableConfirm", {
                  name: user.displayName,
                }),
                async () => {
                  await setUserDisabled(user.id, !user.disabled);
                  onClose();
                },
              )
            }
          >
            {user.disabled ? t("users.enable") : t("users.disable")}
          </Button>
          <Button
            onClick={() =>
              act(t("users.resetConfirm", { name: user.displayName }), async () => {
                const result = await resetPassword(user.id);
                showOneTimePassword(modal, t, user.username, result.oneTimePassword);
              })
            }
          >
            {t("users.resetPassword")}
          </Button>
        </Space>
      )}
      <Typography.Title level={5}>{t("grants.title")}</Typography.Title>
      <ErrorAlert error={grants.error} />
      <Table<GrantView>
        rowKey="id"
        size="small"
        loading={grants.isFetching}
        dataSource={grants.data?.items}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("grants.role"), dataIndex: "role", render: (r: Role) => t(`roles.${r}`) },
          { title: t("grants.org"), dataIndex: "orgName" },
          {
            title: t("grants.period"),
            key: "period",
            render: (_, g) => `${g.startsOn} — ${g.endsOn ?? t("grants.open")}`,
          },
          {
            title: t("grants.status"),
            dataIndex: "status",
            render: (s: GrantView["status"]) => (
              <Tag color={STATUS_COLOR[s]}>{t(`grants.state.${s}`)}</Tag>
            ),
          },
          {
            key: "end",
            render: (_, g) =>
              user.abilities.grant && (g.status === "active" || g.status === "scheduled") ? (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    act(
                      t("grants.endConfirm", { role: t(`roles.${g.role}`), org: g.orgName }),
                      async () => {
                        await endGrant(user.id, g.id);
                        await client.invalidateQueries({ queryKey: ["grants", user.id] });
                      },
                    )
                  }
                >
                  {t("grants.end")}
                </Button>
              ) : null,
          },
        ]}
      />
      {user.abilities.grant && (
        <Button type="primary" style={{ marginTop: 16 }} onClick={() => setGranting(true)}>
          {t("grants.addButton")}
        </Button>
      )}
      <GrantDialog open={granting} user={user} onClose={() => setGranting(false)} />
    </Drawer>
  );
}
