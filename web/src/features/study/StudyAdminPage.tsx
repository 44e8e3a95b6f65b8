import { Route, Routes } from "react-router";
import { BankView } from "./bank/BankView";
import { CampaignsView } from "./campaigns/CampaignsView";
import { ResultsView } from "./campaigns/ResultsView";
import { MaterialsView } from "./materials/MaterialsView";

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
