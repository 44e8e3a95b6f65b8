import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Encrypts sensitive fields (ID numbers, phones, TOTP secrets, reporters' identities) with
 * AES-256-GCM under a key that lives in a file outside the database, so a database dump
 * alone reveals none of them. A keyed digest lets the database enforce uniqueness and look
 * a value up without holding it in clear.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(master: Buffer) {
    if (master.length !== 32) throw new Error("field key must be 32 bytes");
    this.encKey = createHmac("sha256", master).update("wanggui:enc").digest();
    this.macKey = createHmac("sha256", master).update("wanggui:mac").digest();
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    const decipher = createDecipheriv("aes-256-gcm", this.encKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString("utf8");
  }

  digest(value: string): string {
    return createHmac("sha256", this.macKey).update(value).digest("hex");
  }
}

export async function loadFieldCipher(keyFile: string, env = process.env): Promise<FieldCipher> {
  if (env.WANGGUI_FIELD_KEY) return new FieldCipher(Buffer.from(env.WANGGUI_FIELD_KEY, "base64"));
  if (!existsSync(keyFile)) {
    await mkdir(path.dirname(keyFile), { recursive: true });
    await writeFile(keyFile, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
      },
    );
  }
  return new FieldCipher(Buffer.from((await readFile(keyFile, "utf8")).trim(), "base64"));
}

export function maskIdNumber(id: string): string {
  return id.length <= 10
    ? "*".repeat(id.length)
    : `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  return phone.length < 7 ? "*".repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
