import type { MemberQuery, SortKey } from "./members.api";

/**
 * The member list's filters live in the URL, so a filtered list can be bookmarked, shared,
 * reloaded, and exported with exactly the filters on screen.
 */
export interface MemberFilters {
  page: number;
  pageSize: number;
  sort: SortKey;
  order: "asc" | "desc";
  name?: string;
  status?: "full" | "probationary";
  isCadre?: boolean;
  orgId?: number;
  orgName?: string;
}

const SORTS: readonly SortKey[] = ["name", "joinedOn", "birthDate", "id"];
const PAGE_SIZES = [10, 20, 50, 100];

function positive(text: string | null): number | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function filtersFromParams(params: URLSearchParams): MemberFilters {
  const sort = params.get("sort");
  const status = params.get("status");
  const cadre = params.get("isCadre");
  const size = positive(params.get("pageSize"));
  return {
    page: positive(params.get("page")) ?? 1,
    pageSize: size && PAGE_SIZES.includes(size) ? size : 20,
    sort: SORTS.find((s) => s === sort) ?? "name",
    order: params.get("order") === "desc" ? "desc" : "asc",
    name: params.get("name")?.trim() || undefined,
    status: status === "full" || status === "probationary" ? status : undefined,
    isCadre: cadre === "true" ? true : cadre === "false" ? false : undefined,
    orgId: positive(params.get("orgId")),
    orgName: params.get("orgName") || undefined,
  };
}

export function filtersToParams(f: MemberFilters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (
    key: string,
    value: string | number | boolean | undefined,
    skip?: string | number,
  ) => {
    if (value !== undefined && value !== "" && value !== skip) params.set(key, String(value));
  };
  set("page", f.page, 1);
  set("pageSize", f.pageSize, 20);
  set("sort", f.sort, "name");
  set("order", f.order, "asc");
  set("name", f.name);
  set("status", f.status);
  set("isCadre", f.isCadre);
  set("orgId", f.orgId);
  set("orgName", f.orgName);
  return params;
}

/** What the API receives: the scope org stands in when no org filter was chosen. */
export function toApiQuery(f: MemberFilters, scopeOrgId: number | undefined): MemberQuery {
  return {
    page: f.page,
    pageSize: f.pageSize,
    sort: f.sort,
    order: f.order,
    name: f.name,
    status: f.status,
    isCadre: f.isCadre === undefined ? undefined : String(f.isCadre),
    orgId: f.orgId ?? scopeOrgId,
  };
}
