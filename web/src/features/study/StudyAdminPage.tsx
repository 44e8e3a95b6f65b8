import { Route, Routes } from "react-router";
import { BankView } from "./BankView";
import { CampaignsView } from "./CampaignsView";
import { MaterialsView } from "./MaterialsView";
import { ResultsView } from "./ResultsView";

/** The managers' side of study, under /study-admin. */
export function StudyAdminPage() {
  return (
    <Routes>
      <Route index element={<CampaignsView />} />
      <Route path="campaigns/:id" element={<ResultsView />} />
      <Route path="questions" element={<BankView />} />
      <Route path="materials" element={<MaterialsView />} />
    </Routes>
  );
}
