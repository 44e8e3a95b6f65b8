import { describe, expect, it } from "vitest";
import {
  breadcrumbTrail,
  homePath,
  menuPermissions,
  menuRoutes,
  routeOfLocation,
  usablePermissions,
} from "./route-table";

describe("route table", () => {
  it("shows a member the workbench and the regulation reader", () => {
    const keys = menuRoutes(["self:read", "regulations:read"]).map((r) => r.key);
    expect(keys).toEqual(["workbench", "regulations"]);
  });

  it("hides study and self-review from an account without a member record", () => {
    const permissions = ["self:read", "regulations:read", "study:take", "review:take"] as const;
    const withRecord = usablePermissions({ permissions: [...permissions], user: { memberId: 7 } });
    const without = usablePermissions({ permissions: [...permissions], user: { memberId: null } });
    expect(menuRoutes(withRecord).map((r) => r.key)).toEqual([
      "workbench",
      "regulations",
      "study",
      "review",
    ]);
    expect(menuRoutes(without).map((r) => r.key)).toEqual(["workbench", "regulations"]);
  });

  it("opens a cadre's register to members with a record and the oversight to secretaries", () => {
    const member = ["self:read", "regulations:read", "registry:declare"] as const;
    const withRecord = usablePermissions({ permissions: [...member], user: { memberId: 7 } });
    const without = usablePermissions({ permissions: [...member], user: { memberId: null } });
    expect(menuRoutes(withRecord).map((r) => r.key)).toEqual([
      "workbench",
      "regulations",
      "myRegistry",
    ]);
    expect(menuRoutes(without).map((r) => r.key)).toEqual(["workbench", "regulations"]);
    // The menu offers the register only to cadres; the page itself stays reachable.
    const session = (isCadre: boolean) => ({
      permissions: [...member],
      user: { memberId: 7, isCadre },
    });
    expect(menuRoutes(menuPermissions(session(true))).map((r) => r.key)).toContain("myRegistry");
    expect(menuRoutes(menuPermissions(session(false))).map((r) => r.key)).toEqual([
      "workbench",
      "regulations",
    ]);
    // The workbench task's link lands on the cadre's page, not on the oversight one.
    expect(routeOfLocation("/registry/attest/3")?.key).toBe("myRegistry");
    expect(routeOfLocation("/registry/declare/3")?.key).toBe("myRegistry");
    expect(routeOfLocation("/registry-admin/declaration/9")?.key).toBe("registryOversee");
    // A discipline officer reads the registers without running campaigns.
    expect(menuRoutes(["registry:oversee"]).map((r) => r.key)).toEqual(["registryOversee"]);
  });

  it("opens the inbox to everyone signed in but never lists it in the menu", () => {
    expect(routeOfLocation("/inbox")?.key).toBe("inbox");
    expect(menuRoutes(["audit:read"]).map((r) => r.key)).toEqual(["adminAudit"]);
  });

  it("shows a secretary orgs, members and regulations and 落实情况, but no administration", () => {
    const keys = menuRoutes([
      "orgs:read",
      "orgs:write",
      "members:read",
      "members:write",
      "regulations:read",
    ]).map((r) => r.key);
    expect(keys).toEqual([
      "workbench",
      "orgs",
      "members",
      "regulations",
      "implementationMap",
      "subordinates",
    ]);
  });

  it("keeps the audit log to the audit administrator and users to the security administrator", () => {
    expect(menuRoutes(["orgs:read", "audit:read"]).map((r) => r.key)).toEqual([
      "orgs",
      "adminAudit",
    ]);
    expect(menuRoutes(["orgs:read", "users:read", "grants:write"]).map((r) => r.key)).toEqual([
      "orgs",
      "adminUsers",
    ]);
  });

  it("lists 我的纪律审查 beside 我的举报 for every member, whether or not there is a case", () => {
    const keys = menuRoutes(
      usablePermissions({ permissions: ["self:read", "cases:file"], user: { memberId: 7 } }),
    ).map((r) => r.key);
    expect(keys).toEqual(["workbench", "myCases", "myDiscipline"]);
  });

  it("never lists a sub-page in the menu", () => {
    expect(menuRoutes(["members:read", "members:write"]).map((r) => r.key)).not.toContain(
      "membersImport",
    );
  });

  it("sends each user home to the first page they may open", () => {
    expect(homePath(["regulations:read"])).toBe("/regulations");
    expect(homePath(["self:read", "regulations:read"])).toBe("/workbench");
    expect(homePath(["orgs:read", "users:read"])).toBe("/orgs");
    expect(homePath([])).toBeNull();
  });

  it("matches deep links and sub-pages to their route and trail", () => {
    expect(routeOfLocation("/regulations/1/articles/11")?.key).toBe("regulations");
    expect(routeOfLocation("/members/import")?.key).toBe("membersImport");
    expect(breadcrumbTrail("/members/import").map((r) => r.key)).toEqual([
      "members",
      "membersImport",
    ]);
    expect(routeOfLocation("/nowhere")).toBeUndefined();
  });
});
