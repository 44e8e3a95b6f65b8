import { Card, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { Route, Routes, useSearchParams } from "react-router";
import { useSession } from "../../shared/session";
import { AccountPage } from "./AccountPage";
import { AttestationCampaigns, AttestationCoveragePage } from "./AttestationCampaigns";
import { DeclarationCampaigns, DeclarationCoveragePage } from "./DeclarationCampaigns";
import { DeclarationReview } from "./DeclarationReview";
import { RegisterList } from "./RegisterList";

const TABS = ["register", "attestations", "declarations"] as const;

/** The secretaries' and discipline officers' side, under /registry-admin. */
export function OverseePage() {
  return (
    <Routes>
      <Route index element={<OverseeTabs />} />
      <Route path="accounts/:id" element={<AccountPage backTo="/registry-admin" />} />
      <Route path="attestations/:id" element={<AttestationCoveragePage />} />
      <Route path="declarations/:id" element={<DeclarationCoveragePage />} />
      <Route path="declaration/:id" element={<DeclarationReview />} />
    </Routes>
  );
}

function OverseeTabs() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canManage = useSession().data?.permissions.includes("registry:manage") ?? false;
  const tab = TABS.find((x) => x === params.get("tab")) ?? "register";
  return (
    <Card title={t("registry.oversee.title")}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: "register", label: t("registry.oversee.register"), children: <RegisterList /> },
          {
            key: "attestations",
            label: t("registry.oversee.attestations"),
            children: <AttestationCampaigns canManage={canManage} />,
          },
          {
            key: "declarations",
            label: t("registry.oversee.declarations"),
            children: <DeclarationCampaigns canManage={canManage} />,
          },
        ]}
      />
    </Card>
  );
}
