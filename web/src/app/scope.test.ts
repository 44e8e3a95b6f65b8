import { describe, expect, it } from "vitest";
import { scopeOrgs } from "./org-scope";

describe("org scope options", () => {
  it("lists each granted node once, outermost first", () => {
    const options = scopeOrgs([
      { id: 3, role: "secretary", orgId: 12, orgName: "第二党支部", orgPath: "1.2.12" },
      { id: 1, role: "member", orgId: 12, orgName: "第二党支部", orgPath: "1.2.12" },
      { id: 2, role: "propaganda_officer", orgId: 1, orgName: "市委", orgPath: "1" },
    ]);
    expect(options.map((o) => o.orgId)).toEqual([1, 12]);
  });
});
