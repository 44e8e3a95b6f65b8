import { Route, Routes } from "react-router";
import { ArticleView } from "./ArticleView";
import { DiffView } from "./DiffView";
import { ImportView } from "./ImportView";
import { PrintView } from "./PrintView";
import { FirstArticle, FirstDocument, ReaderShell } from "./ReaderShell";
import { SearchView } from "./SearchView";

/**
 * The regulation reader under `/regulations/*`. Every view has its own URL, so a member can
 * send a colleague `/regulations/1/articles/11` and a search or a diff is bookmarkable.
 */
export function RegulationsPage() {
  return (
    <Routes>
      <Route index element={<FirstDocument />} />
      <Route path="import" element={<ImportView />} />
      <Route path=":docId/print" element={<PrintView />} />
      <Route path=":docId" element={<ReaderShell />}>
        <Route index element={<FirstArticle />} />
        <Route path="articles/:number" element={<ArticleView />} />
        <Route path="search" element={<SearchView />} />
        <Route path="diff" element={<DiffView />} />
      </Route>
      <Route path="*" element={<FirstDocument />} />
    </Routes>
  );
}
