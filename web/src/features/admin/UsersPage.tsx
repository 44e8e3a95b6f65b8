import { PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { FormModal } from "../../shared/ui/FormModal";
import { OrgSearch } from "../orgs/OrgSearch";
import { createUser, listUsers, type Role, type UserView } from "./admin.api";
import { GrantsDrawer, ROLE_OPTIONS } from "./GrantsDrawer";
import { showOneTimePassword } from "./one-time-password";

function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const [org, setOrg] = useState<number | null>(null);
  return (
    <FormModal<{ username: string; displayName: string; role?: Role }>
      open={open}
      title={t("users.create")}
      fields={["username", "displayName", "orgId", "role"]}
      onClose={onClose}
      onSubmit={async (values) => {
        const result = await createUser({ ...values, orgId: org ?? 0 });
        await client.invalidateQueries({ queryKey: ["users"] });
        onClose();
        showOneTimePassword(modal, t, result.user.username, result.oneTimePassword);
      }}
    >
      {() => (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("users.memberAccountsHint")}
          />
          <Form.Item
            name="username"
            label={t("users.username")}
            extra={t("users.usernameRule")}
            rules={[
              {
                required: true,
                pattern: /^[a-z0-9][a-z0-9_.-]{2,31}$/,
                message: t("users.usernameRule"),
              },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t("users.displayName")}
            rules={[
              { required: true, whitespace: true, message: t("users.displayNameRequired") },
              { max: 50 },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="orgId"
            label={t("users.org")}
            rules={[
              {
                validator: () =>
                  org ? Promise.resolve() : Promise.reject(new Error(t("members.rule.org"))),
              },
            ]}
          >
            <OrgSearch onPick={(o) => setOrg(o.id)} />
          </Form.Item>
          <Form.Item name="role" label={t("users.firstRole")}>
            <Select allowClear options={ROLE_OPTIONS(t)} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** Accounts in the security administrator's scope, with their state and role grants. */
export function UsersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [openUser, setOpenUser] = useState<UserView | null>(null);
  const list = useQuery({
    queryKey: ["users", q, page],
    queryFn: () => listUsers({ ...page, q }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card
      title={t("menu.adminUsers")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("users.create")}
        </Button>
      }
    >
      <Input.Search
        placeholder={t("users.search")}
        allowClear
        onSearch={(v) => {
          setQ(v.trim() || undefined);
          setPage({ ...page, page: 1 });
        }}
        style={{ maxWidth: 280, marginBottom: 16 }}
      />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table<UserView>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: list.isPending ? " " : <EmptyState /> }}
        onRow={(u) => ({ onClick: () => setOpenUser(u), style: { cursor: "pointer" } })}
        columns={[
          { title: t("users.username"), dataIndex: "username" },
          { title: t("users.displayName"), dataIndex: "displayName" },
          { title: t("users.org"), dataIndex: "orgName", responsive: ["md"] },
          {
            title: t("users.memberRecord"),
            key: "member",
            responsive: ["md"],
            render: (_, u) =>
              u.memberId === null ? (
                <Tag>{t("users.noMemberRecord")}</Tag>
              ) : (
                <Tag color="red">{t("users.linkedMemberRecord")}</Tag>
              ),
          },
          {
            title: t("users.state"),
            key: "state",
            render: (_, u) => (
              <Space size={2} wrap>
                {u.disabled && <Tag color="default">{t("users.disabled")}</Tag>}
                {u.locked && <Tag color="orange">{t("users.locked")}</Tag>}
                {u.mustChangePassword && <Tag color="gold">{t("users.mustChange")}</Tag>}
                {u.totpEnabled && <Tag color="green">{t("users.totp")}</Tag>}
                {!u.disabled && !u.locked && <Tag color="blue">{t("users.active")}</Tag>}
              </Space>
            ),
          },
        ]}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          size: "small",
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <GrantsDrawer user={openUser} onClose={() => setOpenUser(null)} />
    </Card>
  );
}
