import { createCipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * One field key of the SM suite. node:crypto's OpenSSL 3.0 has SM4 in CTR mode but no
 * SM4-GCM, so values are sealed encrypt-then-MAC: SM4-CTR under one derived key, and an
 * HMAC-SM3 tag (first 16 bytes) over IV and body under another. Digests for lookups are
 * HMAC-SM3. Every derived key comes from the 32-byte master through HMAC-SM3 with a label.
 */
export class SmFieldKey {
  static readonly magic = Buffer.from("ws1", "latin1");
  readonly suite = "sm" as const;
  readonly id: string;
  readonly checkValue: string;
  readonly prefix: Buffer;
  private readonly encKey: Buffer;
  private readonly tagKey: Buffer;
  private readonly macKey: Buffer;

  constructor(readonly master: Buffer) {
    if (master.length !== 32) throw new Error("field key must be 32 bytes");
    const derive = (label: string) => createHmac("sm3", master).update(label).digest();
    this.encKey = derive("wanggui:sm4-enc").subarray(0, 16);
    this.tagKey = derive("wanggui:sm3-tag");
    this.macKey = derive("wanggui:sm3-mac");
    this.checkValue = this.digest("wanggui:key-check").slice(0, 16);
    this.id = this.checkValue.slice(0, 8);
    this.prefix = Buffer.concat([SmFieldKey.magic, Buffer.from(this.id, "hex")]);
  }

  seal(plain: string): Buffer {
    const iv = randomBytes(16);
    const cipher = createCipheriv("sm4-ctr", this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return Buffer.concat([this.prefix, iv, this.tag(iv, body), body]);
  }

  /** Opens iv | tag | body; throws when the tag does not hold (another key, or altered). */
  open(sealed: Buffer): string {
    const iv = sealed.subarray(0, 16);
    const tag = sealed.subarray(16, 32);
    const body = sealed.subarray(32);
    if (iv.length !== 16 || tag.length !== 16 || !timingSafeEqual(tag, this.tag(iv, body))) {
      throw new Error("SM4 field value: the HMAC-SM3 tag does not match");
    }
    const decipher = createCipheriv("sm4-ctr", this.encKey, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  }

  digest(value: string): string {
    return createHmac("sm3", this.macKey).update(value).digest("hex");
  }

  private tag(iv: Buffer, body: Buffer): Buffer {
    return createHmac("sm3", this.tagKey).update(iv).update(body).digest().subarray(0, 16);
  }
}
