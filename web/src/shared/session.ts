import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type {
  CurrentSessionResponse,
  SessionResponse,
} from "../../../server/src/modules/auth/auth.schemas.ts";
import type { Permission } from "../../../server/src/platform/auth/permissions.ts";
import { get, post, setCsrfToken } from "./api";

export type Session = SessionResponse;
export type { Permission };

export const SESSION_KEY = ["session"] as const;

/**
 * The current session, or null when nobody is signed in. Asked of a route that answers null
 * rather than 401, so the sign-in page loads without an error in the browser's console.
 */
export async function fetchSession(): Promise<Session | null> {
  const { session } = await get<CurrentSessionResponse>("/auth/current-session");
  setCsrfToken(session?.csrfToken ?? null);
  return session;
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

export function hasAny(permissions: readonly string[], needed?: readonly Permission[]): boolean {
  return !needed || needed.length === 0 || needed.some((p) => permissions.includes(p));
}

/** Signs out on the server (when the session still exists) and forgets everything cached. */
export function useSignOut() {
  const client = useQueryClient();
  return useCallback(async () => {
    await post("/auth/logout").catch(() => undefined);
    setCsrfToken(null);
    client.clear();
    client.setQueryData(SESSION_KEY, null);
  }, [client]);
}
