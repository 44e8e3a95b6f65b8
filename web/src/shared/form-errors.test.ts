import type { FormInstance } from "antd";
import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { applyApiError, messageAt, unplacedError } from "./form-errors";

/** A form that records what was put on its fields. */
function recordingForm() {
  const set: unknown[] = [];
  const form = { setFields: (fields: unknown[]) => set.push(...fields) } as unknown as FormInstance;
  return { form, set };
}

const bad = (field: string | null, message = "结束时间须晚于开始时间") =>
  new ApiError(400, "invalid_input", message, field);

describe("applyApiError", () => {
  it("puts a body field the form names differently on the form's field", () => {
    const { form, set } = recordingForm();
    expect(applyApiError(form, bad("body.endsAt"), ["title"], { endsAt: "period" })).toBe(true);
    expect(set).toEqual([{ name: "period", errors: ["结束时间须晚于开始时间"] }]);
  });

  it("addresses a Form.List row by its number", () => {
    const { form, set } = recordingForm();
    expect(applyApiError(form, bad("rules.1.count", "题量不足"), ["rules"])).toBe(true);
    expect(set).toEqual([{ name: ["rules", 1, "count"], errors: ["题量不足"] }]);
  });

  it("leaves an error naming no field of the form to the alert", () => {
    const { form, set } = recordingForm();
    expect(applyApiError(form, bad("orgId"), ["title"])).toBe(false);
    expect(applyApiError(form, new Error("network"), ["title"])).toBe(false);
    expect(set).toEqual([]);
  });
});

describe("unplacedError and messageAt", () => {
  it("keeps for the alert only what no field shows", () => {
    const placed = bad("toMemberId", "不能批评本人");
    expect(unplacedError(placed, ["toMemberId"])).toBeNull();
    const conflict = new ApiError(409, "conflict", "会议已召开", null);
    expect(unplacedError(conflict, ["toMemberId"])).toBe(conflict);
  });

  it("finds the message for a control by its field or a path below it, not a sibling line", () => {
    const line = bad("items.12.problem", "第 12 项未填写完整");
    expect(messageAt(line, "items")).toBe("第 12 项未填写完整");
    expect(messageAt(line, "items.12.problem")).toBe("第 12 项未填写完整");
    expect(messageAt(line, "items.1")).toBeUndefined();
    expect(messageAt(bad("body.memberIds", "计票人须为2至5名"), "memberIds")).toBe(
      "计票人须为2至5名",
    );
    expect(messageAt(null, "memberIds")).toBeUndefined();
  });
});
