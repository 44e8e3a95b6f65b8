import { describe, expect, it } from "vitest";
import { breadcrumbTrail, homePath, menuRoutes, routeOfLocation } from "./route-table";

describe("route table", () => {
  it("shows a member only the regulation reader", () => {
    const keys = menuRoutes(["self:read", "regulations:read"]).map((r) => r.key);
    expect(keys).toEqual(["regulations"]);
  });

  it("shows a secretary orgs, members and regulations but no administration", () => {
    const keys = menuRoutes([
      "orgs:read",
      "orgs:write",
      "members:read",
      "members:write",
      "regulations:read",
    ]).map((r) => r.key);
    expect(keys).toEqual(["orgs", "members", "regulations"]);
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

  it("never lists a sub-page in the menu", () => {
    expect(menuRoutes(["members:read", "members:write"]).map((r) => r.key)).not.toContain(
      "membersImport",
    );
  });

  it("sends each user home to the first page they may open", () => {
    expect(homePath(["regulations:read"])).toBe("/regulations");
    expect(homePath(["members:read", "orgs:read"])).toBe("/orgs");
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
