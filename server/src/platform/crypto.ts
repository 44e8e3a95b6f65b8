import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CryptoSuite } from "./crypto-suite.ts";
import { SmFieldKey } from "./field-key-sm.ts";

/**
 * Ciphertexts written since key ids exist start with these bytes and the writing key's id, so
 * a rotation can move them from one key to the next in batches while both keys read. Older
 * ciphertexts (IV first) have no prefix; they are tried against every key of the ring.
 */
const MAGIC = Buffer.from("wk1", "latin1");
const PREFIX_LENGTH = MAGIC.length + 4;

/**
 * A field key and the suite it serves. A key file holds the base64 of 32 bytes; an SM-suite
 * key is written `sm:` before it, so a file always says which algorithms its key is for.
 */
export interface FieldKeySpec {
  suite: CryptoSuite;
  bytes: Buffer;
}

/** A bare Buffer is a default-suite (AES) key, as every key was before the SM suite. */
export type FieldKeyInput = Buffer | FieldKeySpec;

function specOf(input: FieldKeyInput): FieldKeySpec {
  return Buffer.isBuffer(input) ? { suite: "default", bytes: input } : input;
}

type AnyFieldKey = AesFieldKey | SmFieldKey;

function makeKey(input: FieldKeyInput): AnyFieldKey {
  const { suite, bytes } = specOf(input);
  return suite === "sm" ? new SmFieldKey(bytes) : new AesFieldKey(bytes);
}

/** One field key: AES-256-GCM for values, HMAC-SHA-256 for the digests lookups use. */
class AesFieldKey {
  readonly suite = "default" as const;
  readonly id: string;
  readonly checkValue: string;
  readonly prefix: Buffer;
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(readonly master: Buffer) {
    if (master.length !== 32) throw new Error("field key must be 32 bytes");
    this.encKey = createHmac("sha256", master).update("wanggui:enc").digest();
    this.macKey = createHmac("sha256", master).update("wanggui:mac").digest();
    this.checkValue = this.digest("wanggui:key-check").slice(0, 16);
    this.id = this.checkValue.slice(0, 8);
    this.prefix = Buffer.concat([MAGIC, Buffer.from(this.id, "hex")]);
  }

  seal(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return Buffer.concat([this.prefix, iv, cipher.getAuthTag(), body]);
  }

  /** Decrypts iv | tag | body; throws when this is not the key that wrote it. */
  open(sealed: Buffer): string {
    const decipher = createDecipheriv("aes-256-gcm", this.encKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString("utf8");
  }

  digest(value: string): string {
    return createHmac("sha256", this.macKey).update(value).digest("hex");
  }
}

/**
 * Encrypts sensitive fields (ID numbers, phones, TOTP secrets, reporters' identities) with
 * AES-256-GCM under a key that lives in a file outside the database, so a database dump
 * alone reveals none of them. A keyed digest lets the database enforce uniqueness and look
 * a value up without holding it in clear.
 *
 * The cipher is a ring: one active key that writes, and during a rotation the key being
 * retired, which still reads (docs/adr/0016-field-key-rotation.md). A reloader, when set,
 * lets a running server pick up the next key the moment `wanggui key rotate` writes it.
 */
export class FieldCipher {
  private active: AnyFieldKey;
  private keys: AnyFieldKey[];
  private reload: { read: () => FieldKeyInput[]; everyMs: number; at: number } | null = null;

  constructor(active: FieldKeyInput, ...others: FieldKeyInput[]) {
    this.active = makeKey(active);
    this.keys = [this.active, ...others.map(makeKey)];
  }

  /** Replaces the ring: the first key writes, every key reads. Keys of both suites may mix. */
  useKeys(keys: FieldKeyInput[]) {
    const [first, ...rest] = keys;
    if (!first) throw new Error("a field key ring needs a key");
    const known = new Map(this.keys.map((k) => [`${k.suite}:${k.checkValue}`, k]));
    const ring = [first, ...rest].map((m) => {
      const key = makeKey(m);
      return known.get(`${key.suite}:${key.checkValue}`) ?? key;
    });
    this.active = ring[0] as AnyFieldKey;
    this.keys = ring;
  }

  /** Re-reads the key files at most every `everyMs` before a write or a digest, and on a miss. */
  reloadFrom(read: () => FieldKeyInput[], everyMs = 1000) {
    this.reload = { read, everyMs, at: Date.now() };
  }

  private refresh(force = false) {
    const r = this.reload;
    if (!r || (!force && Date.now() - r.at < r.everyMs)) return;
    r.at = Date.now();
    try {
      this.useKeys(r.read());
    } catch {
      // Caught between a rotation's renames: the ring in hand still reads and writes.
    }
  }

  encrypt(plain: string): Buffer {
    this.refresh();
    return this.active.seal(plain);
  }

  decrypt(sealed: Buffer): string {
    const id = this.keyIdOf(sealed);
    if (id !== null) {
      // The prefix names the suite as well as the key: "ws1" is SM4, "wk1" AES.
      const prefix = sealed.subarray(0, PREFIX_LENGTH);
      let key = this.keys.find((k) => k.prefix.equals(prefix));
      if (!key) {
        this.refresh(true);
        key = this.keys.find((k) => k.prefix.equals(prefix));
      }
      if (key) {
        try {
          return key.open(sealed.subarray(PREFIX_LENGTH));
        } catch {
          // A prefix-less ciphertext whose random IV happens to start like a key id: below.
        }
      }
    }
    let failure: unknown = new Error("no field key in the ring opens this value");
    // Only AES keys wrote values without a key id: SM-suite values always carry one.
    for (const key of this.keys.filter((k) => k.suite === "default")) {
      try {
        return key.open(sealed);
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }

  /** The digest a new row stores: under the active key. */
  digest(value: string): string {
    this.refresh();
    return this.active.digest(value);
  }

  /** Every digest a stored row may hold for this value: active key first. */
  digests(value: string): string[] {
    this.refresh();
    return this.keys.map((k) => k.digest(value));
  }

  /** Digests of this value under the keys that are not active (what a rotation replaces). */
  retiringDigests(value: string): string[] {
    return this.keys.filter((k) => k !== this.active).map((k) => k.digest(value));
  }

  /** A value that names the active key without revealing it, kept in the database to spot a swap. */
  checkValue(): string {
    return this.active.checkValue;
  }

  checkValues(): string[] {
    return this.keys.map((k) => k.checkValue);
  }

  /** The suite of the key that writes. */
  activeSuite(): CryptoSuite {
    return this.active.suite;
  }

  /**
   * Every key of the ring, the active one first, for a worker thread of this process that
   * seals with a cipher of its own (the synthetic seed, the roster import), which it rebuilds
   * with `fromWorkerRing`. Never to be logged or sent anywhere else.
   */
  ringForWorker(): FieldKeySpec[] {
    this.refresh();
    return this.keys.map((k) => ({ suite: k.suite, bytes: k.master }));
  }

  /** The cipher `ringForWorker` handed over, as it arrives in a worker (Buffers as Uint8Arrays). */
  static fromWorkerRing(keys: { suite: CryptoSuite; bytes: Uint8Array }[]): FieldCipher {
    const [active, ...others] = keys.map((k) => ({ suite: k.suite, bytes: Buffer.from(k.bytes) }));
    if (!active) throw new Error("a field key ring needs a key");
    return new FieldCipher(active, ...others);
  }

  /** The bytes every ciphertext under the active key starts with. */
  activePrefix(): Buffer {
    return this.active.prefix;
  }

  /** The key id a ciphertext names, or null for one written before key ids. */
  keyIdOf(sealed: Buffer): string | null {
    const magic = sealed.subarray(0, MAGIC.length);
    const sm = magic.equals(SmFieldKey.magic);
    if (sealed.length < PREFIX_LENGTH + (sm ? 32 : 28) || !(sm || magic.equals(MAGIC))) {
      return null;
    }
    return sealed.subarray(MAGIC.length, PREFIX_LENGTH).toString("hex");
  }
}

const SM_KEY_MARK = "sm:";

/** The text of a key file (or of WANGGUI_FIELD_KEY): base64, after `sm:` for an SM-suite key. */
export function parseKeyText(text: string, where: string): FieldKeySpec {
  const trimmed = text.trim();
  const suite: CryptoSuite = trimmed.startsWith(SM_KEY_MARK) ? "sm" : "default";
  const bytes = Buffer.from(suite === "sm" ? trimmed.slice(SM_KEY_MARK.length) : trimmed, "base64");
  if (bytes.length !== 32) throw new Error(`${where} 不是 32 字节的 base64 密钥`);
  return { suite, bytes };
}

export function keyFileText(spec: FieldKeySpec): string {
  return `${spec.suite === "sm" ? SM_KEY_MARK : ""}${spec.bytes.toString("base64")}`;
}

/** A fresh random key for the suite, as a key file holds it. */
export function newKeyText(suite: CryptoSuite): string {
  return keyFileText({ suite, bytes: randomBytes(32) });
}

export function readKeyFile(file: string): FieldKeySpec {
  return parseKeyText(readFileSync(file, "utf8"), `字段加密密钥 ${file}`);
}

/** Loads the key file, writing a new key of `suite` when there is none yet. */
export async function loadFieldCipher(
  keyFile: string,
  env = process.env,
  suite: CryptoSuite = "default",
): Promise<FieldCipher> {
  if (env.WANGGUI_FIELD_KEY) {
    return new FieldCipher(parseKeyText(env.WANGGUI_FIELD_KEY, "环境变量 WANGGUI_FIELD_KEY"));
  }
  if (!existsSync(keyFile)) {
    await mkdir(path.dirname(keyFile), { recursive: true });
    await writeFile(keyFile, newKeyText(suite), { mode: 0o600, flag: "wx" }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
      },
    );
  }
  return new FieldCipher(readKeyFile(keyFile));
}

/**
 * An ID number with only its region (the first six digits, the county) showing. The birth
 * date (7-14), the sequence (15-17) and the check digit are hidden: a role that also sees the
 * birth date and gender is still left 500 candidates, one that sees the birth year 180,000
 * (ADR 0012). Showing the last four, as receipts do, would leave the region as the only unknown.
 */
export function maskIdNumber(id: string): string {
  return id.length < 15 ? "*".repeat(id.length) : `${id.slice(0, 6)}${"*".repeat(id.length - 6)}`;
}

export function maskPhone(phone: string): string {
  return phone.length < 7 ? "*".repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
