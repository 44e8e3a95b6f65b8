import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { SessionResponse } from "../../../server/src/modules/auth/auth.schemas.ts";
import type { Permission } from "../../../server/src/platform/auth/permissions.ts";
import { ApiError, get, post, setCsrfToken } from "./api";

export type Session = SessionResponse;
export type { Permission };

export const SESSION_KEY = ["session"] as const;

/** The current session, or null when nobody is signed in (a 401 is an answer here, not an error). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await get<Session>("/auth/session");
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
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
