import { LeftOutlined, LinkOutlined, RightOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Divider, Space, Tag, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { useSession } from "../../shared/session";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { ArticleText, ReferenceLink } from "./ArticleText";
import { articleSlug, parseArticleSlug } from "./article-number";
import { Provisions } from "./Provisions";
import { READER_KEY } from "./queries";
import { useReader } from "./reader-context";
import { articlePath } from "./reader-links";
import { getArticle, type Paragraph } from "./regulations.api";

/** `/regulations/<doc>/articles/<n>`: one article, its provisions, references and neighbours. */
export function ArticleView() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { docId, state, binding } = useReader();
  const { number } = useParams();
  const { hash } = useLocation();
  const parsed = parseArticleSlug(number);
  const slug = parsed ? articleSlug(parsed) : "";
  const { data: session } = useSession();
  const canAnnotate = session?.permissions.includes("regulations:annotate") ?? false;
  const article = useQuery({
    queryKey: [READER_KEY, docId, "article", slug, state.version],
    queryFn: () => getArticle(docId, slug, state.version),
    enabled: parsed !== null,
  });

  // A deep link to a paragraph (#chp_3__art_11__para_1) scrolls there once the text is in.
  useEffect(() => {
    if (!article.data) return;
    const target = hash
      ? globalThis.document.getElementById(decodeURIComponent(hash.slice(1)))
      : null;
    if (target) target.scrollIntoView();
    else globalThis.scrollTo?.({ top: 0 });
  }, [article.data, hash]);

  if (!parsed)
    return <Alert type="warning" showIcon title={t("reader.badArticle", { slug: number })} />;
  if (article.isPending) return <PageSkeleton rows={8} />;
  if (article.error)
    return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />;

  const a = article.data;
  const copyLink = async () => {
    const url = `${globalThis.location.origin}${articlePath(docId, a, { version: state.version })}`;
    await navigator.clipboard?.writeText(url);
    message.success(t("reader.article.linkCopied"));
  };
  const chapter = [a.chapter.label, a.chapter.heading].filter(Boolean).join(" ");

  return (
    <Card
      className="wg-article"
      title={
        <Space wrap size={8}>
          <Typography.Title level={3} id={a.eId} className="wg-anchor" style={{ margin: 0 }}>
            {a.label}
          </Typography.Title>
          {chapter && <Typography.Text type="secondary">{chapter}</Typography.Text>}
        </Space>
      }
      extra={
        <Button
          type="text"
          icon={<LinkOutlined />}
          aria-label={t("reader.article.copyLink")}
          title={t("reader.article.copyLink")}
          onClick={() => void copyLink()}
          className="wg-no-print"
        />
      }
    >
      <ArticleText
        paragraphs={a.paragraphs as Paragraph[]}
        references={a.references}
        docId={docId}
        state={state}
      />
      <Divider titlePlacement="start" plain>
        {t("reader.article.provisions")}
      </Divider>
      <Provisions
        provisions={a.provisions}
        articleText={a.text}
        label={a.label}
        bindingIds={binding?.provisions}
        binds={state.binds}
        canAnnotate={canAnnotate}
      />
      {a.references.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>
            {t("reader.article.references")}
          </Divider>
          <ul className="wg-references">
            {a.references.map((r) => (
              <li key={`${r.kind}-${r.text}`}>
                <Tag>{t(`reader.article.${r.kind}`)}</Tag>
                <ReferenceLink reference={r} docId={docId} state={state} />
              </li>
            ))}
          </ul>
        </>
      )}
      <nav className="wg-article-nav wg-no-print">
        {a.previous ? (
          <Link to={articlePath(docId, a.previous, state)}>
            <Button icon={<LeftOutlined />}>{t("reader.article.previous")}</Button>
          </Link>
        ) : (
          <span />
        )}
        {a.next && (
          <Link to={articlePath(docId, a.next, state)}>
            <Button icon={<RightOutlined />} iconPlacement="end">
              {t("reader.article.next")}
            </Button>
          </Link>
        )}
      </nav>
    </Card>
  );
}
