import { Alert, Card, Drawer, Grid, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useParams, useSearchParams } from "react-router";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorAlert } from "../../shared/ui/ErrorAlert";
import { PageSkeleton } from "../../shared/ui/PageSkeleton";
import { ImportLink, useCanImport } from "./ImportView";
import { useBinding, useDocuments, useTree } from "./queries";
import { type ReaderContext, useReader } from "./reader-context";
import { articlePath, docPath, readerStateOf } from "./reader-links";
import { Toc } from "./Toc";
import { Toolbar } from "./Toolbar";
import "./reader.css";

/** `/regulations`: the first document, which on a fresh install is the seed regulation. */
export function FirstDocument() {
  const { t } = useTranslation();
  const documents = useDocuments();
  const canImport = useCanImport();
  if (documents.isPending) return <PageSkeleton />;
  if (documents.error)
    return <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />;
  const first = documents.data[0];
  if (!first)
    return (
      <Card>
        <EmptyState
          description={t(canImport ? "reader.noDocumentsAdmin" : "reader.noDocuments")}
          action={canImport && <ImportLink />}
        />
      </Card>
    );
  return <Navigate to={docPath(first.id)} replace />;
}

/** `/regulations/<doc>`: its first article, in the version and filter the link asked for. */
export function FirstArticle() {
  const { docId, tree, state } = useReader();
  const first = tree?.chapters.flatMap((c) => c.articles)[0];
  if (!tree) return <PageSkeleton />;
  if (!first) return <EmptyState />;
  return <Navigate to={articlePath(docId, first, state)} replace />;
}

/** Loads the document, its contents and the binding filter once for every view inside it. */
export function ReaderShell() {
  const { t } = useTranslation();
  const docId = Number(useParams().docId);
  const [params] = useSearchParams();
  const state = readerStateOf(params);
  const phone = !Grid.useBreakpoint().lg;
  const [tocOpen, setTocOpen] = useState(false);
  const documents = useDocuments();
  const tree = useTree(docId, state.version);
  const binding = useBinding(docId, state.binds, state.version);

  if (documents.isPending) return <PageSkeleton />;
  if (documents.error)
    return <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />;
  const document = documents.data.find((d) => d.id === docId);
  if (!document) return <Navigate to="/regulations" replace />;

  const context: ReaderContext = {
    docId,
    document,
    latestVersion: document.versions[0]?.versionNo ?? 1,
    tree: tree.data,
    state,
    binding: state.binds ? binding.data : undefined,
  };
  const toc = tree.isPending ? (
    <PageSkeleton rows={10} />
  ) : (
    <Toc reader={context} onNavigate={() => setTocOpen(false)} />
  );

  return (
    <div className="wg-reader">
      <Card size="small" className="wg-no-print" style={{ marginBottom: 12 }}>
        <Typography.Title level={phone ? 5 : 4} style={{ marginTop: 0 }}>
          {document.title}
        </Typography.Title>
        <Toolbar
          document={document}
          state={state}
          phone={phone}
          onOpenContents={() => setTocOpen(true)}
        />
        {context.binding && state.binds && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 8 }}
            title={t("reader.binds.summary", {
              count: context.binding.articles.size,
              who: t(`reader.who.${state.binds}`),
            })}
          />
        )}
      </Card>
      <ErrorAlert error={tree.error ?? binding.error} onRetry={() => void tree.refetch()} />
      <div className="wg-reader-body">
        {!phone && (
          <Card size="small" title={t("reader.contents")} className="wg-toc-card wg-no-print">
            {toc}
          </Card>
        )}
        <main className="wg-reader-main">
          <Outlet context={context} />
        </main>
      </div>
      <Drawer
        open={phone && tocOpen}
        placement="left"
        size={280}
        title={t("reader.contents")}
        onClose={() => setTocOpen(false)}
        styles={{ body: { padding: 0, overflow: "hidden" } }}
      >
        {toc}
      </Drawer>
    </div>
  );
}
