import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { READER_KEY, useTree } from "./queries";
import { docPath, readerStateOf, stateQuery } from "./reader-links";
import { getFullDocument, type JsonDocument, type Tree } from "./regulations.api";
import "./reader.css";

type JsonArticle = JsonDocument["articles"][number];

/** Chapters in order with their articles; articles before the first chapter go first. */
function byChapter(doc: JsonDocument, tree: Tree | undefined) {
  // The export names chapters by heading only; the contents carry the label (第三章).
  const label = new Map(tree?.chapters.map((c) => [c.number, c.label]));
  const sections: { heading: string | null; id: string; articles: JsonArticle[] }[] = [
    { heading: null, id: "front", articles: [] },
    ...doc.chapters.map((c) => ({
      heading: [label.get(c.number), c.heading].filter(Boolean).join(" "),
      id: c.eId,
      articles: [] as JsonArticle[],
    })),
  ];
  const at = new Map(sections.map((s) => [s.id, s]));
  for (const a of doc.articles) (at.get(a.chapterId ?? "front") ?? sections[0])?.articles.push(a);
  return sections.filter((s) => s.heading !== null || s.articles.length > 0);
}

/** `/regulations/<doc>/print`: the whole text, set for paper; the print CSS drops the app around it. */
export function PrintView() {
  const { t } = useTranslation();
  const docId = Number(useParams().docId);
  const [params] = useSearchParams();
  const { version } = readerStateOf(params);
  const doc = useQuery({
    queryKey: [READER_KEY, docId, "full", version],
    queryFn: () => getFullDocument(docId, version),
  });
  const tree = useTree(docId, version);

  const back = (
    <Space className="wg-no-print" style={{ marginBottom: 12 }} wrap>
      <Link to={`${docPath(docId)}${stateQuery({ version })}`}>
        <Button icon={<ArrowLeftOutlined />}>{t("reader.print.back")}</Button>
      </Link>
      <Button type="primary" icon={<PrinterOutlined />} onClick={() => globalThis.print()}>
        {t("reader.print.action")}
      </Button>
    </Space>
  );
  if (doc.isPending) return <PageSkeleton rows={12} />;
  if (doc.error)
    return (
      <>
        {back}
        <ErrorAlert error={doc.error} onRetry={() => void doc.refetch()} />
      </>
    );
  const d = doc.data;
  return (
    <>
      {back}
      <article className="wg-print">
        <h1>{d.title}</h1>
        {d.issuer && d.issuedOn && (
          <p style={{ textAlign: "center", textIndent: 0 }}>
            {t("reader.print.issued", { issuer: d.issuer, date: d.issuedOn })}
          </p>
        )}
        {d.preamble.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {byChapter(d, tree.data).map((section) => (
          <section key={section.id}>
            {section.heading && <h2>{section.heading}</h2>}
            {section.articles.map((a) => (
              <div key={a.eId} id={a.eId}>
                {a.paragraphs.map((p, i) => (
                  <div key={p.eId}>
                    <p>
                      {i === 0 && <span className="wg-print-label">{a.label}</span>}
                      {p.text}
                    </p>
                    {p.items.map((item) => (
                      <p key={item.num}>
                        {item.num}
                        {item.text}
                      </p>
                    ))}
                  </div>
                ))}
              </div>
            ))}
          </section>
        ))}
      </article>
    </>
  );
}
