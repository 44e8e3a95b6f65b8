import { connect, type Socket } from "node:net";
import type { Config } from "./config.ts";
import { BadInput, DomainError } from "./errors.ts";

export type ScanResult = { infected: false } | { infected: true; signature: string };

/**
 * What checks an upload for malware before it is stored. Deployments choose one by
 * configuration (`fileScanner`); another engine is another implementation of this.
 */
export interface FileScanner {
  readonly name: string;
  scan(bytes: Buffer): Promise<ScanResult>;
}

/** The default: nothing scans, so the type checks in files.ts are the only gate. */
export const noScanner: FileScanner = {
  name: "none",
  scan: async () => ({ infected: false }),
};

const CHUNK = 64 * 1024;

function openSocket(address: string): Socket {
  const tcp = /^tcp:\/\/([^/:]+):(\d+)$/.exec(address);
  return tcp ? connect(Number(tcp[2]), tcp[1]) : connect(address);
}

/**
 * clamd's INSTREAM command: `zINSTREAM\0`, the file in chunks each behind its length as a
 * 4-byte big-endian number, a zero length to end, then one NUL-terminated answer:
 * `stream: OK` or `stream: <signature> FOUND`. Anything else (an ERROR line, a closed socket,
 * no answer in time) is a failure, and the caller refuses the upload rather than store an
 * unscanned file.
 */
export function clamdScanner(address: string, timeoutMs = 30_000): FileScanner {
  return {
    name: "clamd",
    scan: (bytes) =>
      new Promise<ScanResult>((resolve, reject) => {
        const socket = openSocket(address);
        const answer: Buffer[] = [];
        let settled = false;
        const finish = (err: Error | null, result?: ScanResult) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          if (err) reject(err);
          else if (result) resolve(result);
        };
        socket.setTimeout(timeoutMs, () => finish(new Error("clamd did not answer in time")));
        socket.on("error", (err) => finish(err));
        socket.on("connect", () => {
          socket.write("zINSTREAM\0");
          for (let at = 0; at < bytes.length; at += CHUNK) {
            const part = bytes.subarray(at, at + CHUNK);
            const size = Buffer.alloc(4);
            size.writeUInt32BE(part.length);
            socket.write(size);
            socket.write(part);
          }
          socket.write(Buffer.alloc(4));
        });
        const parse = () => {
          const text = Buffer.concat(answer).toString("utf8").replace(/\0.*$/s, "").trim();
          if (text === "stream: OK") return finish(null, { infected: false });
          const found = /^stream: (.+) FOUND$/.exec(text);
          if (found?.[1]) return finish(null, { infected: true, signature: found[1] });
          finish(new Error(`clamd answered "${text.slice(0, 200)}"`));
        };
        socket.on("data", (chunk: Buffer) => {
          answer.push(chunk);
          if (chunk.includes(0)) parse();
        });
        socket.on("end", parse);
      }),
  };
}

export function fileScanner(config: Pick<Config, "clamdSocket">): FileScanner {
  return config.clamdSocket ? clamdScanner(config.clamdSocket) : noScanner;
}

export class ScanUnavailable extends DomainError {
  constructor(cause: unknown) {
    super(503, "scan_unavailable", {
      "zh-CN": "暂时无法完成病毒检查，文件未保存，请稍后再试",
      "en-US": "The virus scan is unavailable; the file was not stored, try again later",
    });
    // Kept for the error log: the operator needs to know why clamd failed.
    this.cause = cause;
  }
}

/**
 * Scans an upload, resolving with the signature found (the caller records the refusal, then
 * throws `infectedUpload`) or null when clean. A scanner that fails is a 503, never a pass.
 */
export async function scanUpload(scanner: FileScanner, bytes: Buffer): Promise<string | null> {
  let result: ScanResult;
  try {
    result = await scanner.scan(bytes);
  } catch (err) {
    throw new ScanUnavailable(err);
  }
  return result.infected ? result.signature : null;
}

export function infectedUpload(signature: string) {
  return new BadInput(
    "file",
    {
      "zh-CN": `文件未通过病毒检查（检出 ${signature}），已拒收，未保存`,
      "en-US": `The file failed the virus scan (${signature}); it was refused and not stored`,
    },
    "infected",
  );
}
