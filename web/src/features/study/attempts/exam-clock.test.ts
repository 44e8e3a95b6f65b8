import { describe, expect, it } from "vitest";
import { formatClock, remainingMs, unsaved } from "./exam-clock";

describe("exam clock", () => {
  it("counts down by the server's clock even when the phone's is wrong", () => {
    const loadedAt = Date.parse("2026-01-01T08:00:00Z"); // phone says 08:00
    const serverNow = "2026-01-01T08:05:00Z"; // server says 08:05
    const deadline = "2026-01-01T08:35:00Z";
    expect(remainingMs(deadline, serverNow, loadedAt, loadedAt)).toBe(30 * 60_000);
    expect(remainingMs(deadline, serverNow, loadedAt, loadedAt + 31 * 60_000)).toBe(0);
  });

  it("formats minutes and hours", () => {
    expect(formatClock(65_000)).toBe("01:05");
    expect(formatClock(3_600_000 + 1_000)).toBe("1:00:01");
  });

  it("sends only the answers changed since the last save", () => {
    expect(unsaved({ "1": ["0"], "2": ["1"] }, new Set(["2"]))).toEqual({ "2": ["1"] });
  });
});
