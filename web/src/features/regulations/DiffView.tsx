import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { type ArticleNo, articleSlug, fromDiffNumber } from "./article-number";
import { ImportLink, useCanImport } from "./ImportView";
import { DiffText } from "./marks";
import { READER_KEY, useTree } from "./queries";
import { useReader } from "./reader-context";
import { articlePath } from "./reader-links";
import { getDiff, type Tree } from "./regulations.api";
import { versionLabel } from "./Toolbar";

/** Article labels as each version writes them (第二十一条之一), looked up by slug. */
function labels(...trees: (Tree | undefined)[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const tree of trees)
    for (const chapter of tree?.chapters ?? [])
      for (const a of chapter.articles) map.set(articleSlug(a), a.label);
  return map;
}

/** `/regulations/<doc>/diff?from=&to=`: what changed between two versions, article by article. */
export function DiffView() {
  const { t } = useTranslation();
  const { docId, document, state } = useReader();
  const canImport = useCanImport();
  const [params, setParams] = useSearchParams();
  const versions = document.versions.map((v) => v.versionNo);
  // By default: the newest version against the one before it.
  const to = Number(params.get("to")) || versions[0] || 0;
  const from = Number(params.get("from")) || versions[1] || 0;
  const ready = versions.length > 1 && from !== to;
  const diff = useQuery({
    queryKey: [READER_KEY, docId, "diff", from, to],
    queryFn: () => getDiff(docId, from, to),
    enabled: ready,
  });
  const fromTree = useTree(docId, from || undefined);
  const toTree = useTree(docId, to || undefined);
  const names = labels(fromTree.data, toTree.data);

  if (versions.length < 2)
    return (
      <EmptyState description={t("reader.diff.onlyOne")} action={canImport && <ImportLink />} />
    );

  const pick = (key: "from" | "to", value: number) => {
    const next = new URLSearchParams(params);
    next.set(key, String(value));
    setParams(next);
  };
  const options = document.versions.map((v) => ({ value: v.versionNo, label: versionLabel(v, t) }));
  const linkTo = (a: ArticleNo, version: number) => (
    <Link to={articlePath(docId, a, { binds: state.binds, version })}>
      {names.get(articleSlug(a)) ?? articleSlug(a)}
    </Link>
  );

  const body = () => {
    if (!ready) return <Alert type="info" showIcon title={t("reader.diff.pickTwo")} />;
    if (diff.isPending) return <PageSkeleton rows={6} />;
    if (diff.error) return <ErrorAlert error={diff.error} onRetry={() => void diff.refetch()} />;
    const { added, removed, changed } = diff.data;
    if (added.length + removed.length + changed.length === 0)
      return <EmptyState description={t("reader.diff.same")} />;
    return (
      <>
        <Typography.Paragraph>
          {t("reader.diff.summary", {
            added: added.length,
            removed: removed.length,
            changed: changed.length,
          })}
        </Typography.Paragraph>
        {changed.length > 0 && (
          <section data-testid="diff-changed">
            <Typography.Title level={5}>{t("reader.diff.changed")}</Typography.Title>
            {changed.map((c) => {
              const a = fromDiffNumber(c.number);
              return (
                <div key={articleSlug(a)} className="wg-diff-item">
                  <div>{linkTo(a, to)}</div>
                  <div className="wg-article-text">
                    <DiffText ops={c.charDiff} />
                  </div>
                </div>
              );
            })}
          </section>
        )}
        {added.length > 0 && (
          <section>
            <Typography.Title level={5}>{t("reader.diff.added")}</Typography.Title>
            <Space wrap>
              {added.map((n) => (
                <span key={articleSlug(fromDiffNumber(n))}>{linkTo(fromDiffNumber(n), to)}</span>
              ))}
            </Space>
          </section>
        )}
        {removed.length > 0 && (
          <section>
            <Typography.Title level={5}>{t("reader.diff.removed")}</Typography.Title>
            <Space wrap>
              {removed.map((n) => (
                <span key={articleSlug(fromDiffNumber(n))}>{linkTo(fromDiffNumber(n), from)}</span>
              ))}
            </Space>
          </section>
        )}
      </>
    );
  };

  return (
    <Card title={t("reader.diff.title")}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t("reader.diff.from")}
          prefix={t("reader.diff.from")}
          value={from}
          options={options}
          onChange={(v) => pick("from", v)}
          popupMatchSelectWidth={false}
        />
        <Select
          aria-label={t("reader.diff.to")}
          prefix={t("reader.diff.to")}
          value={to}
          options={options}
          onChange={(v) => pick("to", v)}
          popupMatchSelectWidth={false}
        />
        <span className="wg-legend">
          <ins className="wg-ins">{t("reader.diff.inserted")}</ins>{" "}
          <del className="wg-del">{t("reader.diff.deleted")}</del>
        </span>
      </Space>
      {body()}
    </Card>
  );
}
