import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import { createInstance } from "i18next";
import type { ReactNode } from "react";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { afterEach, describe, expect, it } from "vitest";
import { EvidenceFiles } from "./EvidenceFiles";
import { zhCN } from "./locale";
import { RectificationState } from "./RectificationState";
import type { Rectification } from "./review.api";

const i18n = createInstance();
void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN } },
  lng: "zh-CN",
  initAsync: false,
  interpolation: { escapeValue: false },
});

const item = (over: Partial<Rectification> = {}): Rectification => ({
  id: 7,
  meetingId: 3,
  meetingTopic: "组织生活会",
  owner: { id: 1, name: "刘红梅" },
  problem: "第三条：转发未经核实的消息",
  measure: "转发前核实来源",
  dueOn: "2025-03-31",
  status: "open",
  overdue: false,
  evidence: null,
  evidenceFiles: [
    { id: 11, fileName: "整改报告.pdf", mime: "application/pdf", size: 10, uploadedAt: "" },
  ],
  doneAt: null,
  can: { manage: false, complete: false },
  ...over,
});

function show(node: ReactNode) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nextProvider i18n={i18n}>{node}</I18nextProvider>
    </QueryClientProvider>,
  );
}

afterEach(cleanup);

describe("evidence files", () => {
  it("link each file to its download, and offer upload only when the server allows", () => {
    show(<EvidenceFiles item={item()} />);
    expect(screen.getByRole("link", { name: /整改报告\.pdf/ }).getAttribute("href")).toBe(
      "/api/review/rectifications/7/evidence/11",
    );
    expect(screen.queryByRole("button", { name: /上传佐证文件/ })).toBeNull();
    cleanup();
    show(<EvidenceFiles item={item({ can: { manage: false, complete: true } })} />);
    expect(screen.getByRole("button", { name: /上传佐证文件/ })).toBeTruthy();
  });

  it("show done before overdue, and overdue before open", () => {
    show(<RectificationState item={item({ status: "done", overdue: true })} />);
    expect(screen.getByText("已完成")).toBeTruthy();
    cleanup();
    show(<RectificationState item={item({ overdue: true })} />);
    expect(screen.getByText("已逾期")).toBeTruthy();
  });
});
