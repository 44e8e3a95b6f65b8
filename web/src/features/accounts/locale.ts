/** Member accounts' strings; merged into the app dictionaries under `accounts` (see shared/i18n). */
export const zhCN = {
  accounts: {
    column: "登录账号",
    state: {
      none: "未开通",
      pending: "待首次登录",
      active: "已开通",
      disabled: "已停用",
    },
    openAll: "一键开通账号",
    openAllConfirm:
      "将为「{{org}}」及下级组织中尚无账号的党员逐一开通登录账号（仅党员角色），并生成一次性密码登录条。密码只显示这一次，请准备打印。",
    openOne: "开通账号",
    openOneConfirm:
      "为 {{name}} 开通登录账号（仅党员角色）并生成一次性密码登录条。密码只显示这一次，请准备打印。",
    confirmOk: "开通",
    slipsTitle: "账号登录条（{{count}} 人）",
    onceOnly:
      "一次性密码只显示这一次，关闭后无法再次查看。请立即打印并裁开，当面交给本人；首次登录须修改密码。",
    noneOpened: "没有需要开通的党员：所选党员均已有账号。",
    alreadyOpen: "{{count}} 人已有账号，未作改动。",
    remaining: "还有 {{count}} 人未开通，请再次点击「一键开通账号」。",
    print: "打印登录条",
    done: "关闭",
    closeTitle: "确认已打印登录条？",
    closeBody: "关闭后一次性密码将无法再次查看；如遗失，须由安全管理员重置密码。",
    closeOk: "已打印，关闭",
    slipHeading: "网规 · 党员账号登录条",
    slipName: "姓名",
    slipOrg: "所在党组织",
    slipUsername: "用户名",
    slipPassword: "一次性密码",
    slipWhere: "登录地址",
    slipNote: "首次登录后须设置新密码；请勿转交他人。",
  },
};

export const enUS: typeof zhCN = {
  accounts: {
    column: "Account",
    state: {
      none: "None",
      pending: "First sign-in pending",
      active: "Active",
      disabled: "Disabled",
    },
    openAll: "Open accounts for all",
    openAllConfirm:
      "Opens a sign-in account (member role only) for every member of {{org}} and the orgs below it who has none, with a slip carrying a one-time password. The passwords are shown only this once: be ready to print.",
    openOne: "Open account",
    openOneConfirm:
      "Opens a sign-in account (member role only) for {{name}}, with a slip carrying a one-time password. It is shown only this once: be ready to print.",
    confirmOk: "Open",
    slipsTitle: "Sign-in slips ({{count}})",
    onceOnly:
      "The one-time passwords are shown only now and never again. Print and cut the slips and hand each to its member in person; the password must be changed at first sign-in.",
    noneOpened: "Nothing to open: every member asked for already has an account.",
    alreadyOpen: "{{count}} already had an account and were left unchanged.",
    remaining: "{{count}} still have none: click “Open accounts for all” again.",
    print: "Print slips",
    done: "Close",
    closeTitle: "Have you printed the slips?",
    closeBody:
      "Once closed, the one-time passwords cannot be shown again; a lost one needs a password reset by a security administrator.",
    closeOk: "Printed, close",
    slipHeading: "Wanggui · member sign-in slip",
    slipName: "Name",
    slipOrg: "Organization",
    slipUsername: "Username",
    slipPassword: "One-time password",
    slipWhere: "Sign in at",
    slipNote: "Set a new password at first sign-in; do not pass this slip on.",
  },
};
