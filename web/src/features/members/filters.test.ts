import { describe, expect, it } from "vitest";
import { filtersFromParams, filtersToParams, toApiQuery } from "./filters";

describe("member list filters", () => {
  it("round-trips through the URL and leaves defaults out", () => {
    const f = filtersFromParams(
      new URLSearchParams(
        "status=probationary&isCadre=true&orgId=12&orgName=第二党支部&page=3&sort=joinedOn&order=desc",
      ),
    );
    expect(f).toMatchObject({
      status: "probationary",
      isCadre: true,
      orgId: 12,
      page: 3,
      sort: "joinedOn",
      order: "desc",
    });
    expect(filtersFromParams(filtersToParams(f))).toEqual(f);
    expect(filtersToParams(filtersFromParams(new URLSearchParams())).toString()).toBe("");
  });

  it("ignores values the API would refuse", () => {
    const f = filtersFromParams(
      new URLSearchParams("page=-2&pageSize=7&sort=idNumber&status=x&isCadre=maybe&orgId=abc"),
    );
    expect(f).toEqual({ page: 1, pageSize: 20, sort: "name", order: "asc" });
  });

  it("falls back to the scope org and sends the cadre flag as the API reads it", () => {
    const f = filtersFromParams(new URLSearchParams("isCadre=false"));
    expect(toApiQuery(f, 5)).toMatchObject({ orgId: 5, isCadre: "false" });
    expect(toApiQuery({ ...f, orgId: 9 }, 5).orgId).toBe(9);
  });
});
