/** Sign-in's and the consent notice's strings; merged into the app dictionaries under `auth` and `consent` (see shared/i18n). */
export const zhCN = {
  auth: {
    signInTitle: "登录",
    username: "用户名",
    password: "密码",
    usernameRequired: "请输入用户名",
    passwordRequired: "请输入密码",
    signIn: "登录",
    idleSignedOut: "因长时间未操作，您已自动退出，请重新登录。",
    changeTitle: "修改初始密码",
    mustChange: "首次登录须修改初始密码",
    policy: "新密码至少 10 位，并包含大写字母、小写字母、数字、符号中的至少三类。",
    currentPassword: "当前密码",
    newPassword: "新密码",
    confirmPassword: "再次输入新密码",
    mismatch: "两次输入的新密码不一致",
    savePassword: "保存新密码",
    totpEnrolTitle: "绑定动态口令",
    totpEnrolIntro:
      "管理员账号须使用动态口令（双因素认证）。请用手机上的身份验证器应用扫描下方二维码，或手动输入密钥，然后填写应用显示的 6 位数字。",
    totpSecret: "手动输入密钥：",
    totpCode: "动态口令（6 位数字）",
    totpCodeRule: "请输入 6 位数字",
    totpConfirm: "确认绑定",
    totpTitle: "输入动态口令",
    verify: "验证",
    useRecovery: "手机不在身边？使用恢复码",
    useApp: "使用身份验证器中的动态口令",
    recoveryCode: "恢复码",
    recoveryCodeRequired: "请输入恢复码",
    recoveryCardTitle: "保存恢复码",
    recoveryTitle: "恢复码只显示这一次",
    recoveryBody:
      "手机丢失时可用恢复码登录，每个只能使用一次。请抄写或打印后妥善保管，不要保存在手机上。",
    recoverySaved: "我已妥善保存，进入系统",
  },
  consent: {
    title: "个人信息处理告知",
    version: "告知书版本：{{version}}",
    purpose: {
      title: "一、处理目的",
      body: "本平台用于党组织落实《中国共产党党员网络行为规定》，开展党员教育管理、组织生活、报告事项管理等工作。您的个人信息仅用于上述党务工作。",
    },
    scope: {
      title: "二、处理范围",
      body: "平台处理党员名册信息（姓名、性别、民族、出生日期、身份证号码、手机号码、所在党组织、入党与转正日期、干部职务）以及您本人提交的材料和操作记录。",
    },
    protection: {
      title: "三、保护措施",
      body: "身份证号码、手机号码加密存储，列表中脱敏显示；查看明文须说明理由并记入审计日志。所有修改操作均留痕，审计日志不可篡改。",
    },
    rights: {
      title: "四、您的权利",
      body: "您可以查阅本人信息，发现错误可向所在党支部申请更正。对个人信息处理有疑问，可向本单位党组织或系统管理员反映。",
    },
    boundary: {
      title: "五、平台不做的事",
      body: "平台只记录本人提交的内容和党组织作出的决定，不抓取、不监控任何人的网络账号、发言、浏览记录或设备，不对任何人的言论作自动评判。",
    },
    agree: "我已阅读并同意上述个人信息处理告知",
    accept: "同意并继续",
  },
};

export const enUS: typeof zhCN = {
  auth: {
    signInTitle: "Sign in",
    username: "Username",
    password: "Password",
    usernameRequired: "Enter your username",
    passwordRequired: "Enter a password",
    signIn: "Sign in",
    idleSignedOut: "You were signed out after a period of inactivity. Please sign in again.",
    changeTitle: "Change your initial password",
    mustChange: "You must change the initial password at first sign-in",
    policy:
      "At least 10 characters, with at least three of: upper-case, lower-case, digits, symbols.",
    currentPassword: "Current password",
    newPassword: "New password",
    confirmPassword: "Repeat the new password",
    mismatch: "The two new passwords differ",
    savePassword: "Save new password",
    totpEnrolTitle: "Set up two-factor sign-in",
    totpEnrolIntro:
      "Administrator accounts need a one-time code (two-factor authentication). Scan the QR code with an authenticator app on your phone, or type the secret in, then enter the 6-digit code it shows.",
    totpSecret: "Secret for manual entry: ",
    totpCode: "One-time code (6 digits)",
    totpCodeRule: "Enter the 6 digits",
    totpConfirm: "Confirm",
    totpTitle: "Enter your one-time code",
    verify: "Verify",
    useRecovery: "Phone not at hand? Use a recovery code",
    useApp: "Use a code from the authenticator app",
    recoveryCode: "Recovery code",
    recoveryCodeRequired: "Enter a recovery code",
    recoveryCardTitle: "Save your recovery codes",
    recoveryTitle: "These recovery codes are shown only once",
    recoveryBody:
      "If you lose your phone, sign in with a recovery code; each works once. Write them down or print them and keep them off your phone.",
    recoverySaved: "I have saved them; continue",
  },
  consent: {
    title: "Personal information notice",
    version: "Notice version: {{version}}",
    purpose: {
      title: "1. Purpose",
      body: "Party organizations use this platform to put the regulation on Party members' online conduct into practice: member education and management, organizational life and declarations. Your personal information is used for this Party work only.",
    },
    scope: {
      title: "2. What is processed",
      body: "The member roster (name, gender, ethnicity, birth date, ID number, mobile number, organization, joining and confirmation dates, cadre position), material you submit yourself, and a record of actions.",
    },
    protection: {
      title: "3. Safeguards",
      body: "ID and mobile numbers are stored encrypted and shown masked in lists; seeing one in full needs a reason and is written to the audit log. Every change is recorded in a tamper-evident audit log.",
    },
    rights: {
      title: "4. Your rights",
      body: "You may see your own record and ask your branch to correct mistakes. Questions about processing go to your Party organization or the system administrator.",
    },
    boundary: {
      title: "5. What the platform never does",
      body: "It records only what people submit and what organizations decide. It never collects or monitors anyone's accounts, posts, browsing or devices, and never judges anyone's speech automatically.",
    },
    agree: "I have read and agree to this notice",
    accept: "Agree and continue",
  },
};
