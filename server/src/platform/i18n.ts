export type Locale = "zh-CN" | "en-US";

/** Picks zh-CN unless the client clearly prefers English. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return "zh-CN";
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en-US";
  }
  return "zh-CN";
}

export interface Text {
  "zh-CN": string;
  "en-US": string;
}

export function format(text: Text, locale: Locale, params: Record<string, string | number> = {}) {
  return text[locale].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}
