import { Route, Routes } from "react-router";
import { BankView } from "./BankView";
import { CampaignsView } from "./CampaignsView";
import { ResultsView } from "./ResultsView";

/** The managers' side of study, under /study-admin. */
export function StudyAdminPage() {
  return (
    <Routes>
      <Route index element={<CampaignsView />} />
      <Route path="campaigns/:id" element={<ResultsView />} />
      <Route path="questions" element={<BankView />} />
    </Routes>
  );
}
