/** Every leaf key of a nested dictionary, dotted ("orgs.archive.title"), sorted. */
export function leafKeys(dict: object, prefix = ""): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(dict)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") keys.push(...leafKeys(value, path));
    else keys.push(path);
  }
  return keys.sort();
}

/** Interpolation placeholders in a string: "{{count}} 人" -> ["count"]. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? "").sort();
}
