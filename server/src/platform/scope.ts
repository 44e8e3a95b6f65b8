import type { Actor } from "./auth/actor.ts";
import { type Permission, ROLE_PERMISSIONS } from "./auth/permissions.ts";

/**
 * The org subtrees (ltree paths) where the actor holds `permission`. Empty means nowhere.
 * Nested grants collapse to the outermost path.
 */
export function scopePaths(actor: Actor, permission: Permission): string[] {
  const paths = actor.grants
    .filter((g) => ROLE_PERMISSIONS[g.role].includes(permission))
    .map((g) => g.orgPath)
    .sort((a, b) => a.length - b.length);
  return paths.filter(
    (path, i) => !paths.slice(0, i).some((outer) => path === outer || path.startsWith(`${outer}.`)),
  );
}

/**
 * The one way repos filter by scope: appends the paths to `params` and returns a predicate
 * on `column` (an ltree column). With no paths it returns `false`, so a caller without the
 * permission gets an empty answer rather than everything.
 */
export function scopeClause(
  actor: Actor,
  permission: Permission,
  column: string,
  params: unknown[],
): string {
  const paths = scopePaths(actor, permission);
  if (paths.length === 0) return "false";
  params.push(paths);
  return `${column} <@ ANY($${params.length}::ltree[])`;
}

export function pathInScope(actor: Actor, permission: Permission, path: string): boolean {
  return scopePaths(actor, permission).some((p) => path === p || path.startsWith(`${p}.`));
}

/**
 * The one org path an audit row of work over several subtrees belongs to: their deepest common
 * ancestor, so every auditor above all of them sees the row. Null when there is none.
 */
export function commonPath(paths: string[]): string | null {
  const [first, ...rest] = paths.map((p) => p.split("."));
  if (!first) return null;
  let n = first.length;
  for (const labels of rest) {
    let same = 0;
    while (same < Math.min(n, labels.length) && labels[same] === first[same]) same += 1;
    n = same;
  }
  return n === 0 ? null : first.slice(0, n).join(".");
}

/** The org path an export covers: the org it was asked for, or all of the caller's scope. */
export function exportedPath(
  actor: Actor,
  permission: Permission,
  orgPath?: string | null,
): string | null {
  return orgPath ?? commonPath(scopePaths(actor, permission));
}
