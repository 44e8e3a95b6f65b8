/**
 * Which family of algorithms protects fields, the audit chain and its checkpoints:
 * - `default`: AES-256-GCM and HMAC-SHA-256 for fields, SHA-256 for the chain, Ed25519 for
 *   checkpoints;
 * - `sm` (商用密码, for 密评): SM4 with HMAC-SM3 for fields, SM3 for the chain, SM2 for
 *   checkpoints (docs/adr/0022-sm-cipher-suite.md).
 */
export type CryptoSuite = "default" | "sm";

export const CRYPTO_SUITES: readonly CryptoSuite[] = ["default", "sm"];

export const suiteLabel: Record<CryptoSuite, string> = {
  default: "默认套件（AES-256-GCM / SHA-256 / Ed25519）",
  sm: "国密套件（SM4 / SM3 / SM2）",
};

/** WANGGUI_CRYPTO_SUITE: unset or `default`, or `sm`. */
export function parseCryptoSuite(value: string | undefined): CryptoSuite {
  const text = value?.trim() ?? "";
  if (text === "" || text === "default") return "default";
  if (text === "sm") return "sm";
  throw new Error(`WANGGUI_CRYPTO_SUITE 须为 default 或 sm，收到 "${text}"`);
}
