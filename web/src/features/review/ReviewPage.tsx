import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useSession } from "../../shared/session";
import { FollowupsPage } from "./evaluation/FollowupsPage";
import { RoundPage } from "./evaluation/RoundPage";
import { RoundsPage } from "./evaluation/RoundsPage";
import { MeetingPage } from "./meetings/MeetingPage";
import { MeetingsPage } from "./meetings/MeetingsPage";
import { OversightPage } from "./oversight/OversightPage";
import { RectificationsPage } from "./rectification/RectificationsPage";
import { MyReviewsPage } from "./self-review/MyReviewsPage";
import { SelfReviewPage } from "./self-review/SelfReviewPage";

/** Which tabs a user sees follows their permissions; the server checks every request anyway. */
const TABS = [
  { key: "meetings", needs: ["review:manage", "review:oversee"] },
  { key: "mine", needs: ["review:take"] },
  { key: "rectifications", needs: ["review:manage", "review:oversee"] },
  { key: "rounds", needs: ["review:manage", "review:oversee", "review:take"] },
  { key: "followups", needs: ["review:manage", "review:oversee"] },
  { key: "oversight", needs: ["review:oversee"] },
] as const;

/** 组织生活会, 对照检查, 整改清单, 民主评议 and oversight under /review. */
export function ReviewPage() {
  const { t } = useTranslation();
  const permissions = useSession().data?.permissions ?? [];
  const tabs = TABS.filter((tab) => tab.needs.some((p) => permissions.includes(p)));
  const location = useLocation();
  const navigate = useNavigate();
  const active = location.pathname.split("/")[2] ?? "";
  const current = active === "self-reviews" ? "mine" : active;
  return (
    <>
      <Tabs
        activeKey={current}
        onChange={(key) => navigate(`/review/${key}`)}
        items={tabs.map((tab) => ({ key: tab.key, label: t(`review.tabs.${tab.key}`) }))}
      />
      <Routes>
        <Route path="meetings" element={<MeetingsPage />} />
        <Route path="meetings/:id" element={<MeetingPage />} />
        <Route path="mine" element={<MyReviewsPage />} />
        <Route path="self-reviews/:id" element={<SelfReviewPage />} />
        <Route path="rectifications" element={<RectificationsPage />} />
        <Route path="rounds" element={<RoundsPage />} />
        <Route path="rounds/:id" element={<RoundPage />} />
        <Route path="followups" element={<FollowupsPage />} />
        <Route path="oversight" element={<OversightPage />} />
        <Route path="*" element={<Navigate to={`/review/${tabs[0]?.key ?? "mine"}`} replace />} />
      </Routes>
    </>
  );
}
