import { useQuery } from "@tanstack/react-query";
import type { MemberDetail } from "../../../../server/src/modules/members/members.schemas.ts";
import { get } from "../../shared/api";
import { useSession } from "../../shared/session";
import { bindingIndex } from "./binding";
import { type Binds, getTree, listBinding, listDocuments } from "./regulations.api";

/** Every reader query starts with this key, so a correction refreshes them all at once. */
export const READER_KEY = "regulations";

export const useDocuments = () =>
  useQuery({ queryKey: [READER_KEY, "documents"], queryFn: listDocuments, staleTime: 300_000 });

export const useTree = (docId: number, version: number | undefined) =>
  useQuery({
    queryKey: [READER_KEY, docId, "tree", version],
    queryFn: () => getTree(docId, version),
    staleTime: 300_000,
  });

export const useBinding = (docId: number, binds: Binds | undefined, version: number | undefined) =>
  useQuery({
    queryKey: [READER_KEY, docId, "binds", binds, version],
    queryFn: async () => bindingIndex(await listBinding(docId, binds ?? "member", version)),
    enabled: binds !== undefined,
  });

/**
 * Who "me" is for 「对我适用」: a cadre or a member by the caller's own record; undefined for an
 * account without one (an administrator), who then picks 党员 or 党员干部 by hand.
 */
export function useMyBinds(): Binds | undefined {
  const session = useSession();
  const hasRecord = Boolean(session.data?.user.memberId);
  const own = useQuery({
    queryKey: ["members", "me"],
    queryFn: () => get<MemberDetail>("/members/me"),
    enabled: hasRecord,
    staleTime: 300_000,
  });
  if (!hasRecord || !own.data) return undefined;
  return own.data.isCadre ? "cadre" : "member";
}
