import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Card, Pagination, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { KindChip, SubjectChips } from "./chips";
import { Snippet } from "./marks";
import { READER_KEY } from "./queries";
import { useReader } from "./reader-context";
import { articlePath } from "./reader-links";
import { search } from "./regulations.api";

const PAGE_SIZE = 10;

/** `/regulations/<doc>/search?q=`: ranked provisions with the matched words highlighted. */
export function SearchView() {
  const { t } = useTranslation();
  const { docId, state, latestVersion } = useReader();
  const [params, setParams] = useSearchParams();
  const q = params.get("q")?.trim() ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const results = useQuery({
    queryKey: [READER_KEY, "search", docId, q, page],
    queryFn: () => search({ q, docId, page, pageSize: PAGE_SIZE }),
    enabled: q !== "",
    placeholderData: keepPreviousData,
  });

  if (!q) return <EmptyState description={t("reader.searchPlaceholder")} />;
  if (results.isPending) return <PageSkeleton rows={8} />;
  if (results.error)
    return <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />;
  const { items, total, match } = results.data;

  const goTo = (next: number) => {
    const p = new URLSearchParams(params);
    p.set("page", String(next));
    setParams(p);
  };

  return (
    <Card
      title={t("reader.search.title", { q })}
      extra={
        <Typography.Text type="secondary">
          {t("reader.search.total", { count: total })}
        </Typography.Text>
      }
    >
      {match === "characters" && items.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("reader.search.characters", { q })}
        />
      )}
      {items.length === 0 ? (
        <EmptyState description={t("reader.search.empty", { q })} />
      ) : (
        <ol className="wg-results" data-testid="search-results">
          {items.map((hit) => (
            <li key={hit.provisionId} className="wg-result">
              <Space wrap size={[4, 4]}>
                <Link
                  className="wg-result-title"
                  to={articlePath(hit.documentId, hit.article, {
                    binds: state.binds,
                    // Results come from one version; a link to the latest needs no version.
                    version: hit.versionNo === latestVersion ? undefined : hit.versionNo,
                  })}
                >
                  {hit.article.label}
                </Link>
                <KindChip kind={hit.kind} />
                <SubjectChips subjects={hit.subjects} />
              </Space>
              <div className="wg-result-snippet">
                <Snippet pieces={hit.snippet} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {total > PAGE_SIZE && (
        <Pagination
          current={page}
          pageSize={PAGE_SIZE}
          total={total}
          onChange={goTo}
          showSizeChanger={false}
          size="small"
          style={{ marginTop: 16, textAlign: "center" }}
        />
      )}
    </Card>
  );
}
