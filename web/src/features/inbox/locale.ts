/** The inbox's strings; merged into the app dictionaries under `inbox` (see shared/i18n). */
export const zhCN = {
  inbox: {
    bell: "消息中心，{{count}} 条未读",
    all: "全部",
    unread: "未读",
    readAll: "全部标为已读",
    allRead: "已将 {{count}} 条消息标为已读",
    markRead: "标为已读",
    open: "点击查看",
    empty: "暂无消息。有需要您办理的事项时，会在这里通知您。",
    noneUnread: "没有未读消息",
  },
};

export const enUS: typeof zhCN = {
  inbox: {
    bell: "Messages, {{count}} unread",
    all: "All",
    unread: "Unread",
    readAll: "Mark all read",
    allRead: "Marked {{count}} messages read",
    markRead: "Mark read",
    open: "click to open",
    empty: "No messages yet. When something needs you, you are told here.",
    noneUnread: "No unread messages",
  },
};
