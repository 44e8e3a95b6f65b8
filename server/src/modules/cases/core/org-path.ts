/** The org one level up, by its materialized path of ids; the root stays where it is. */
export function parentPath(path: string): string {
  const labels = path.split(".");
  return labels.length > 1 ? labels.slice(0, -1).join(".") : path;
}

/** The org id a path ends in. */
export function orgIdOf(path: string): number {
  return Number(path.split(".").at(-1));
}
