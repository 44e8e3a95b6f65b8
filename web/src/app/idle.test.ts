import { describe, expect, it } from "vitest";
import { idlePhase, secondsLeft } from "./idle";

const MIN = 60_000;

describe("idle timeout", () => {
  it("warns at 28 minutes of a 30-minute timeout and expires at 30", () => {
    expect(idlePhase(27 * MIN + 59_000, 30 * MIN)).toBe("active");
    expect(idlePhase(28 * MIN, 30 * MIN)).toBe("warn");
    expect(idlePhase(29 * MIN + 59_000, 30 * MIN)).toBe("warn");
    expect(idlePhase(30 * MIN, 30 * MIN)).toBe("expired");
  });

  it("counts down whole seconds and stops at zero", () => {
    expect(secondsLeft(28 * MIN, 30 * MIN)).toBe(120);
    expect(secondsLeft(29 * MIN + 500, 30 * MIN)).toBe(60);
    expect(secondsLeft(31 * MIN, 30 * MIN)).toBe(0);
  });
});
