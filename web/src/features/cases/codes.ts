import type { Platform, ProtectionKind } from "./cases.api";

export const PLATFORM_CODES: readonly Platform[] = [
  "wechat_official",
  "weibo",
  "douyin",
  "channels",
  "bilibili",
  "toutiao",
  "kuaishou",
  "xiaohongshu",
  "zhihu",
  "forum",
  "other",
];
export const PROTECTION_KIND_CODES: readonly ProtectionKind[] = [
  "false_accusation",
  "cyber_violence",
  "threat",
];
