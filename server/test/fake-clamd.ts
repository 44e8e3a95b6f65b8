import { mkdtempSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The EICAR anti-virus test string, put together at run time so that this source file is not
 * itself flagged by a scanner on a developer's machine.
 */
export const EICAR = Buffer.from(
  ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-", "TEST-FILE!$H+H*"].join(""),
);

/** How the fake answers: like clamd, with an ERROR line, by hanging up, or never. */
export type FakeMode = "clamd" | "error" | "hang-up" | "silent";

/**
 * A stand-in for clamd on a unix socket (or TCP) that speaks the INSTREAM protocol byte for
 * byte and flags exactly the EICAR string, as real clamd does. `streams` counts the files
 * it was sent, so a test can prove a scan happened.
 */
export async function startFakeClamd(opts: { tcp?: boolean } = {}) {
  let mode: FakeMode = "clamd";
  let streams = 0;
  const server: Server = createServer((socket: Socket) => {
    let buffer = Buffer.alloc(0);
    let received: Buffer[] = [];
    let started = false;
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!started) {
        const command = "zINSTREAM\0";
        if (buffer.length < command.length) return;
        if (buffer.subarray(0, command.length).toString("latin1") !== command) {
          socket.end("UNKNOWN COMMAND\0");
          return;
        }
        buffer = buffer.subarray(command.length);
        started = true;
      }
      while (buffer.length >= 4) {
        const size = buffer.readUInt32BE(0);
        if (size === 0) {
          streams += 1;
          const file = Buffer.concat(received);
          received = [];
          if (mode === "silent") return;
          if (mode === "hang-up") socket.destroy();
          else if (mode === "error") socket.end("INSTREAM size limit exceeded. ERROR\0");
          else if (file.includes(EICAR)) socket.end("stream: Eicar-Test-Signature FOUND\0");
          else socket.end("stream: OK\0");
          return;
        }
        if (buffer.length < 4 + size) return;
        received.push(buffer.subarray(4, 4 + size));
        buffer = buffer.subarray(4 + size);
      }
    });
  });
  let address: string;
  if (opts.tcp) {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const where = server.address();
    if (!where || typeof where === "string") throw new Error("no TCP address");
    address = `tcp://127.0.0.1:${where.port}`;
  } else {
    address = path.join(mkdtempSync(path.join(tmpdir(), "clamd-")), "clamd.sock");
    await new Promise<void>((resolve) => server.listen(address, resolve));
  }
  return {
    address,
    setMode: (next: FakeMode) => {
      mode = next;
    },
    streams: () => streams,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
