import { type ArticleNo, articleSlug } from "./article-number";
import type { Binds } from "./regulations.api";

/**
 * The reader's state that travels with every link: the version being read and the
 * "what binds me" filter. Keeping it in the URL makes a deep link reproduce the view.
 */
export interface ReaderState {
  version?: number;
  binds?: Binds;
}

export function readerStateOf(params: URLSearchParams): ReaderState {
  const version = Number(params.get("version"));
  const binds = params.get("binds");
  return {
    version: Number.isInteger(version) && version > 0 ? version : undefined,
    binds: binds === "member" || binds === "cadre" ? binds : undefined,
  };
}

export function stateQuery(state: ReaderState, extra: Record<string, string | number> = {}) {
  const params = new URLSearchParams();
  if (state.version) params.set("version", String(state.version));
  if (state.binds) params.set("binds", state.binds);
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const docPath = (docId: number) => `/regulations/${docId}`;

export const articlePath = (docId: number, article: ArticleNo, state: ReaderState = {}) =>
  `${docPath(docId)}/articles/${articleSlug(article)}${stateQuery(state)}`;
