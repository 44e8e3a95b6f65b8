import { describe, expect, it } from "vitest";
import { changesOf } from "./audit-changes";
import { actionLabel, actionOptions, entityLabel } from "./audit-labels";

describe("changesOf", () => {
  it("reads a status change as 状态：草稿 → 已发布 and leaves unchanged fields out", () => {
    expect(
      changesOf(
        { status: "draft", title: "十二月专题学习" },
        { status: "published", title: "十二月专题学习" },
        {},
        "zh-CN",
      ),
    ).toEqual([{ field: "status", label: "状态", before: "草稿", after: "已发布" }]);
  });

  it("names people and orgs by the names the server sent, and ids it could not name by #id", () => {
    const rows = changesOf(
      null,
      { memberId: 12, orgId: 5, handlerUserId: 99, reason: "组织关系转接核对" },
      { "member:12": "王建国", "org:5": "城关镇第一党支部" },
      "zh-CN",
    );
    expect(rows).toEqual([
      { field: "memberId", label: "党员", before: null, after: "王建国" },
      { field: "orgId", label: "党组织", before: null, after: "城关镇第一党支部" },
      { field: "handlerUserId", label: "承办人", before: null, after: "#99" },
      { field: "reason", label: "原因", before: null, after: "组织关系转接核对" },
    ]);
  });

  it("shows yes/no, lists and nested values readably, and unknown keys as themselves", () => {
    const rows = changesOf(
      { rankingsEnabled: false },
      { rankingsEnabled: true, types: ["single", "fill_blank"], tally: { competent: 1 } },
      {},
      "zh-CN",
    );
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ["积分排行", "否", "是"],
      ["题型", null, "单选题、填空题"],
      ["tally", null, '{"competent":1}'],
    ]);
  });

  it("speaks English when asked", () => {
    expect(changesOf({ grade: "competent" }, { grade: "excellent" }, {}, "en-US")).toEqual([
      { field: "grade", label: "Grade", before: "competent", after: "excellent" },
    ]);
  });

  it("cuts a long list of ids short with its count", () => {
    const [row] = changesOf(
      null,
      { questionIds: Array.from({ length: 30 }, (_, i) => i + 1) },
      {},
      "zh-CN",
    );
    expect(row?.after).toMatch(/…（30）$/);
  });
});

describe("audit labels", () => {
  it("name actions and records in either language, and an unknown code as itself", () => {
    expect(actionLabel("study.campaign.withdraw", "zh-CN")).toBe("撤回专题学习");
    expect(actionLabel("study.campaign.withdraw", "en-US")).toBe("Withdrew a campaign");
    expect(actionLabel("x.unknown", "zh-CN")).toBe("x.unknown");
    expect(entityLabel("evaluation_round", "zh-CN")).toBe("民主评议");
  });

  it("group the picker's options by module, every code once", () => {
    const groups = actionOptions("zh-CN");
    const study = groups.find((g) => g.title === "study");
    expect(study?.label).toBe("学习");
    expect(study?.options).toContainEqual({
      value: "study.campaign.withdraw",
      label: "撤回专题学习",
    });
    const all = groups.flatMap((g) => g.options.map((o) => o.value));
    expect(new Set(all).size).toBe(all.length);
    expect(groups.every((g) => g.label !== g.title)).toBe(true);
  });
});
