import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { AccountSlips } from "./AccountSlips";
import type { OpenMemberAccountsResponse } from "./accounts.api";

/**
 * The slips live in the query cache, not in the button that opened the accounts: the button
 * sits in lists that re-render and remount as they refresh, and the one-time passwords must
 * not vanish before they are printed. Signing out clears the cache, and them with it.
 */
const SLIPS_KEY = ["account-slips"] as const;

export function useShowSlips() {
  const client = useQueryClient();
  return useCallback(
    (answer: OpenMemberAccountsResponse) => client.setQueryData(SLIPS_KEY, answer),
    [client],
  );
}

/** Mounted once in the layout, beside the pages. */
export function AccountSlipsHost() {
  const client = useQueryClient();
  const { data } = useQuery<OpenMemberAccountsResponse | null>({
    queryKey: SLIPS_KEY,
    queryFn: () => null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  return (
    <AccountSlips result={data ?? null} onClose={() => client.setQueryData(SLIPS_KEY, null)} />
  );
}
