import { describe, expect, it } from "vitest";
import { receiptFor, saveReceipt } from "./ballot-receipts";

describe("ballot receipts", () => {
  it("are kept per round and member on this device only", () => {
    saveReceipt(7, 11, "r".repeat(22));
    expect(receiptFor(7, 11)).toBe("r".repeat(22));
    expect(receiptFor(7, 12)).toBeUndefined();
    expect(receiptFor(8, 11)).toBeUndefined();
  });
});
