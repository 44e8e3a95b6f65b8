import { useTranslation } from "react-i18next";
import type { SearchHit, VersionDiff } from "./regulations.api";

/**
 * Keys for pieces of one text: where each piece starts in the running text. The pieces of
 * a snippet or an edit script never move, so their offset is a stable identity.
 */
export function withOffsets<T extends { text: string }>(pieces: readonly T[]) {
  let at = 0;
  return pieces.map((piece) => {
    const key = `${at}`;
    at += piece.text.length + 1;
    return { piece, key };
  });
}

/**
 * A search snippet with the matched words in <mark>. The server sends pieces, not HTML,
 * and they are rendered as text, so nothing in the regulation can become markup.
 */
export function Snippet({ pieces }: { pieces: SearchHit["snippet"] }) {
  return (
    <span className="wg-snippet">
      {withOffsets(pieces).map(({ piece, key }) =>
        piece.hit ? (
          <mark key={key} className="wg-hit">
            {piece.text}
          </mark>
        ) : (
          <span key={key}>{piece.text}</span>
        ),
      )}
    </span>
  );
}

type DiffOps = VersionDiff["changed"][number]["charDiff"];

/** A character diff as one running text: insertions in <ins>, deletions struck in <del>. */
export function DiffText({ ops }: { ops: DiffOps }) {
  const { t } = useTranslation();
  return (
    <span className="wg-diff-text">
      {withOffsets(ops).map(({ piece, key }) => {
        if (piece.op === "insert")
          return (
            <ins key={key} className="wg-ins" title={t("reader.diff.inserted")}>
              {piece.text}
            </ins>
          );
        if (piece.op === "delete")
          return (
            <del key={key} className="wg-del" title={t("reader.diff.deleted")}>
              {piece.text}
            </del>
          );
        return <span key={key}>{piece.text}</span>;
      })}
    </span>
  );
}
