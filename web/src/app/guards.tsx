import { lazy, type ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { type Session, useSession } from "../shared/session";
import { ErrorAlert } from "../shared/ui/ErrorAlert";
import { PageSkeleton } from "../shared/ui/PageSkeleton";
import { allowed, homePath, type RouteEntry, usablePermissions } from "./route-table";

/** Renders its children with the signed-in, consented session; otherwise sends the user where they must go next. */
export function RequireSession({ children }: { children: (session: Session) => ReactNode }) {
  const { data: session, isPending, error, refetch } = useSession();
  const location = useLocation();
  if (isPending) return <PageSkeleton />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (session?.stage !== "active") {
    const next = `${location.pathname}${location.search}`;
    const query = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${query}`} replace />;
  }
  if (session.piConsentRequired)
    return <Navigate to="/consent" replace state={{ next: location.pathname }} />;
  return children(session);
}

// antd's Result carries its illustrations; keep them out of the sign-in page's bundle.
const Forbidden = lazy(() => import("./Forbidden").then((m) => ({ default: m.Forbidden })));

/** A page the route table opens only for some permissions; the menu hides it for the rest. */
export function Guarded({ route, children }: { route: RouteEntry; children: ReactNode }) {
  const { data: session } = useSession();
  if (!session) return null;
  return allowed(route, usablePermissions(session)) ? children : <Forbidden />;
}

/** "/" and unknown paths: the first page this user may open. */
export function Home() {
  const { data: session } = useSession();
  if (!session) return null;
  const target = homePath(usablePermissions(session));
  return target ? <Navigate to={target} replace /> : <Forbidden />;
}
