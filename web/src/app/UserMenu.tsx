import { Button, Dropdown, type MenuProps } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { changeLanguage, type Language } from "../shared/i18n";
import { type Session, useSignOut } from "../shared/session";

export function UserMenu({
  session,
  compact,
  icon,
}: {
  session: Session;
  compact: boolean;
  icon: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const items: MenuProps["items"] = [
    { key: "who", label: session.user.username, disabled: true },
    { type: "divider" },
    {
      // A group rather than a submenu: one tap on a phone, no hover needed.
      type: "group",
      key: "language",
      label: t("layout.language"),
      children: [
        { key: "lang:zh-CN", label: "简体中文" },
        { key: "lang:en-US", label: "English" },
      ],
    },
    { type: "divider" },
    { key: "signOut", label: t("layout.signOut"), danger: true },
  ];
  const onClick: MenuProps["onClick"] = async ({ key }) => {
    if (key.startsWith("lang:")) {
      await changeLanguage(key.slice(5) as Language);
    } else if (key === "signOut") {
      await signOut();
      navigate("/sign-in", { replace: true });
    }
  };
  return (
    <Dropdown
      menu={{ items, onClick, selectable: true, selectedKeys: [`lang:${i18n.language}`] }}
      trigger={["click"]}
    >
      <Button type="text" icon={icon} data-testid="user-menu" aria-label={t("layout.userMenu")}>
        {compact ? null : session.user.displayName}
      </Button>
    </Dropdown>
  );
}
