import { Menu, type MenuProps } from "antd";
import { useEffect, useRef } from "react";
import { useNavigate, useParams } from "react-router";
import { articleSlug, parseArticleSlug } from "./article-number";
import type { ReaderContext } from "./reader-context";
import { articlePath } from "./reader-links";

/**
 * The contents by chapter. With the "what binds me" filter on, articles holding a
 * provision that binds the reader are marked and the rest fade, so the list still shows
 * where each article sits in the regulation.
 */
export function Toc({
  reader,
  onNavigate,
}: {
  reader: Pick<ReaderContext, "docId" | "tree" | "state" | "binding">;
  onNavigate?: () => void;
}) {
  const navigate = useNavigate();
  const { number } = useParams();
  const { docId, tree, state, binding } = reader;
  const box = useRef<HTMLDivElement>(null);
  // Deep links land mid-document: bring the current article into the contents' view by
  // scrolling the contents alone (scrollIntoView would move the page as well).
  useEffect(() => {
    const scroller = box.current;
    const item =
      number && tree ? scroller?.querySelector<HTMLElement>(".ant-menu-item-selected") : null;
    if (!scroller || !item) return;
    const { offsetTop, offsetHeight } = item;
    const visible =
      offsetTop >= scroller.scrollTop &&
      offsetTop + offsetHeight <= scroller.scrollTop + scroller.clientHeight;
    if (!visible) scroller.scrollTop = offsetTop - scroller.clientHeight / 3;
  }, [number, tree]);
  if (!tree) return null;
  const items: MenuProps["items"] = tree.chapters.map((chapter, i) => ({
    type: "group",
    key: `chapter-${chapter.number ?? `x${i}`}`,
    label: [chapter.label, chapter.heading].filter(Boolean).join(" "),
    children: chapter.articles.map((a) => {
      const slug = articleSlug(a);
      const binds = binding?.articles.has(slug);
      const className = binding ? (binds ? "wg-toc-binds" : "wg-toc-faded") : undefined;
      return { key: slug, label: <span className={className}>{a.label}</span> };
    }),
  }));
  const onClick: MenuProps["onClick"] = ({ key }) => {
    const article = parseArticleSlug(key);
    if (article) navigate(articlePath(docId, article, state));
    onNavigate?.();
  };
  return (
    <div ref={box} className="wg-toc-scroll">
      <Menu
        className="wg-toc"
        mode="inline"
        items={items}
        selectedKeys={number ? [number] : []}
        onClick={onClick}
        style={{ borderInlineEnd: 0 }}
      />
    </div>
  );
}
