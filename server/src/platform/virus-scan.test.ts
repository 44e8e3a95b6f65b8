import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EICAR, startFakeClamd } from "../../test/fake-clamd.ts";
import { loadConfig } from "./config.ts";
import { clamdScanner, fileScanner, noScanner, scanUpload } from "./virus-scan.ts";

let clamd: Awaited<ReturnType<typeof startFakeClamd>>;
let tcp: Awaited<ReturnType<typeof startFakeClamd>>;

beforeAll(async () => {
  clamd = await startFakeClamd();
  tcp = await startFakeClamd({ tcp: true });
});
afterAll(async () => {
  await clamd.close();
  await tcp.close();
});

const screenshot = (extra = Buffer.alloc(0)) =>
  Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(200_000, 7), extra]);

describe("the clamd scanner", () => {
  it("passes a clean file sent in several chunks, and names the signature of an infected one", async () => {
    const scanner = clamdScanner(clamd.address);
    expect(await scanner.scan(screenshot())).toEqual({ infected: false });
    expect(await scanner.scan(screenshot(EICAR))).toEqual({
      infected: true,
      signature: "Eicar-Test-Signature",
    });
    expect(clamd.streams()).toBe(2);
  });

  it("speaks to clamd over TCP as well", async () => {
    expect(await clamdScanner(tcp.address).scan(EICAR)).toEqual({
      infected: true,
      signature: "Eicar-Test-Signature",
    });
  });

  it("fails, never passes, on an ERROR answer, a hang-up, no daemon or no answer in time", async () => {
    clamd.setMode("error");
    await expect(scanUpload(clamdScanner(clamd.address), EICAR)).rejects.toMatchObject({
      status: 503,
    });
    clamd.setMode("hang-up");
    await expect(scanUpload(clamdScanner(clamd.address), EICAR)).rejects.toMatchObject({
      status: 503,
    });
    clamd.setMode("silent");
    await expect(scanUpload(clamdScanner(clamd.address, 300), EICAR)).rejects.toMatchObject({
      status: 503,
    });
    clamd.setMode("clamd");
    await expect(
      scanUpload(clamdScanner("/nonexistent/clamd.sock"), screenshot()),
    ).rejects.toMatchObject({ status: 503, code: "scan_unavailable" });
  });
});

describe("choosing a scanner", () => {
  it("is none unless WANGGUI_CLAMD_SOCKET names a socket path or tcp://host:port", async () => {
    expect(fileScanner(loadConfig({}))).toBe(noScanner);
    expect(await noScanner.scan(EICAR)).toEqual({ infected: false });
    expect(loadConfig({ WANGGUI_CLAMD_SOCKET: "/run/clamav/clamd.ctl" }).clamdSocket).toBe(
      "/run/clamav/clamd.ctl",
    );
    expect(fileScanner(loadConfig({ WANGGUI_CLAMD_SOCKET: "tcp://127.0.0.1:3310" })).name).toBe(
      "clamd",
    );
    expect(() => loadConfig({ WANGGUI_CLAMD_SOCKET: "clamd.sock" })).toThrow(
      /WANGGUI_CLAMD_SOCKET/,
    );
  });
});
