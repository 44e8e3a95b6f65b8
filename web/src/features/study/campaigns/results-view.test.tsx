import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import { App } from "antd";
import { I18nextProvider } from "react-i18next";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { zhCN } from "../../../shared/i18n/zh-CN";
import { fillJsdomGaps, zhI18n } from "../../../shared/testing";
import type { Results } from "../study.api";
import { ResultsView } from "./ResultsView";

fillJsdomGaps();

const answer = vi.hoisted(() => ({ countedAt: null as string | null }));

vi.mock("../study.api", () => ({
  getResults: async (): Promise<Results> => ({
    campaignId: 7,
    totals: { members: 31, notStarted: 9, inProgress: 4, passed: 15, failed: 3 },
    countedAt: answer.countedAt,
    withoutAccount: 0,
    branches: [
      {
        orgId: 12,
        orgName: "城关镇第一党支部",
        members: 31,
        notStarted: 9,
        inProgress: 4,
        passed: 15,
        failed: 3,
      },
    ],
    items: [],
    nextCursor: null,
  }),
  receipts: async () => ({ sent: 0, read: 0 }),
  remind: async () => ({ recipients: 0 }),
  resultsExportUrl: (id: number) => `/api/study/campaigns/${id}/results/export`,
}));

const i18n = zhI18n(zhCN);

function show() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nextProvider i18n={i18n}>
        <App>
          <MemoryRouter initialEntries={["/study/campaigns/7/results"]}>
            <Routes>
              <Route path="/study/campaigns/:id/results" element={<ResultsView />} />
            </Routes>
          </MemoryRouter>
        </App>
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

afterEach(cleanup);

describe("the campaign results page", () => {
  it("says when a large campaign's counts were folded", async () => {
    answer.countedAt = "2026-11-30 16:41";
    show();
    const note = await screen.findByTestId("results-counted-at");
    expect(note.textContent).toContain("数据截至 2026-11-30 16:41");
  });

  it("says nothing of a fold when the counts are live", async () => {
    answer.countedAt = null;
    show();
    await screen.findByTestId("results-totals");
    expect(screen.queryByTestId("results-counted-at")).toBeNull();
  });
});
