import { createContext, type ReactNode, useContext, useMemo, useState } from "react";
import type { Session } from "../shared/session";

export interface ScopeOrg {
  orgId: number;
  orgName: string;
  orgPath: string;
}

/**
 * The org nodes where the user holds grants, outermost first, without repeats: a secretary
 * of two branches sees both; a grant inside another granted subtree is still listed, since
 * the user may want to work on just that part.
 */
export function scopeOrgs(grants: Session["grants"]): ScopeOrg[] {
  const seen = new Map<number, ScopeOrg>();
  for (const g of grants) {
    if (!seen.has(g.orgId))
      seen.set(g.orgId, { orgId: g.orgId, orgName: g.orgName, orgPath: g.orgPath });
  }
  return [...seen.values()].sort(
    (a, b) =>
      a.orgPath.split(".").length - b.orgPath.split(".").length ||
      a.orgPath.localeCompare(b.orgPath),
  );
}

interface ScopeValue {
  options: ScopeOrg[];
  current: ScopeOrg | null;
  select: (orgId: number) => void;
}

const ScopeContext = createContext<ScopeValue>({ options: [], current: null, select: () => {} });
const STORAGE_KEY = "wanggui.scope";

/** Remembers the chosen node for this browser tab only, so another tab can work elsewhere. */
export function OrgScopeProvider({ session, children }: { session: Session; children: ReactNode }) {
  const options = useMemo(() => scopeOrgs(session.grants), [session.grants]);
  const [chosen, setChosen] = useState<number | null>(() => {
    const saved = Number(sessionStorage.getItem(STORAGE_KEY));
    return Number.isInteger(saved) && saved > 0 ? saved : null;
  });
  const current = options.find((o) => o.orgId === chosen) ?? options[0] ?? null;
  const value = useMemo(
    () => ({
      options,
      current,
      select: (orgId: number) => {
        sessionStorage.setItem(STORAGE_KEY, String(orgId));
        setChosen(orgId);
      },
    }),
    [options, current],
  );
  return <ScopeContext value={value}>{children}</ScopeContext>;
}

export function useOrgScope(): ScopeValue {
  return useContext(ScopeContext);
}
