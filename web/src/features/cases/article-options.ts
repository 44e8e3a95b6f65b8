import { getTree, listDocuments } from "../regulations/regulations.api";

const TITLE = "中国共产党党员网络行为规定";

/** The articles of the regulation in force, as choices labelled 「第十条」. */
export async function getArticleOptions(): Promise<{ value: number; label: string }[]> {
  const doc = (await listDocuments()).find((d) => d.title === TITLE);
  if (!doc) return [];
  const tree = await getTree(doc.id);
  return tree.chapters.flatMap((c) =>
    c.articles.filter((a) => a.sub === 0).map((a) => ({ value: a.number, label: a.label })),
  );
}
