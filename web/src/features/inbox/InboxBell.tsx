import { BellOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Badge, Button } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { INBOX_KEY, unreadCount } from "./inbox.api";

/** The header's bell: unread count, refreshed every minute and whenever the inbox changes. */
export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const count = useQuery({
    queryKey: [...INBOX_KEY, "unread"],
    queryFn: unreadCount,
    refetchInterval: 60_000,
  });
  const unread = count.data?.unread ?? 0;
  return (
    <Badge count={unread} size="small" offset={[-6, 6]} overflowCount={99}>
      <Button
        type="text"
        icon={<BellOutlined />}
        data-testid="inbox-bell"
        aria-label={t("inbox.bell", { count: unread })}
        onClick={() => navigate("/inbox")}
      />
    </Badge>
  );
}
