import { Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { withOffsets } from "./marks";
import { articlePath, type ReaderState } from "./reader-links";
import { linkReferences } from "./references";
import type { Paragraph, Reference } from "./regulations.api";

/** A citation in the text: a link to the cited article, or the titled name of an outside document. */
export function ReferenceLink({
  reference,
  docId,
  state,
}: {
  reference: Reference;
  docId: number;
  state: ReaderState;
}) {
  const { t } = useTranslation();
  if (reference.kind === "internal" && reference.article)
    return <Link to={articlePath(docId, reference.article, state)}>{reference.text}</Link>;
  const title = t("reader.article.externalTitle", { title: reference.title ?? reference.text });
  return (
    <Tooltip title={title}>
      <cite className="wg-ref-external" title={title} style={{ fontStyle: "normal" }}>
        {reference.text}
      </cite>
    </Tooltip>
  );
}

function Linked({
  text,
  references,
  docId,
  state,
}: {
  text: string;
  references: readonly Reference[];
  docId: number;
  state: ReaderState;
}) {
  return (
    <>
      {withOffsets(linkReferences(text, references)).map(({ piece, key }) =>
        piece.ref ? (
          <ReferenceLink key={key} reference={piece.ref} docId={docId} state={state} />
        ) : (
          <span key={key}>{piece.text}</span>
        ),
      )}
    </>
  );
}

/** The article's paragraphs, items and subitems, each with its own anchor for deep links. */
export function ArticleText({
  paragraphs,
  references,
  docId,
  state,
}: {
  paragraphs: readonly Paragraph[];
  references: readonly Reference[];
  docId: number;
  state: ReaderState;
}) {
  const linked = (text: string) => (
    <Linked text={text} references={references} docId={docId} state={state} />
  );
  return (
    <div className="wg-article-text">
      {paragraphs.map((p) => (
        <div key={p.eId}>
          <p id={p.eId} className="wg-anchor">
            {linked(p.text)}
          </p>
          {p.items.length > 0 && (
            <ol>
              {p.items.map((item) => (
                <li key={item.num}>
                  {item.num}
                  {linked(item.text)}
                  {item.subitems.length > 0 && (
                    <ol>
                      {item.subitems.map((s) => (
                        <li key={s.num}>
                          {s.num}
                          {linked(s.text)}
                        </li>
                      ))}
                    </ol>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </div>
  );
}
