import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { afterEach, describe, expect, it } from "vitest";
import { zhI18n } from "../../../shared/testing";
import { zhCN } from "../locale";
import type { Rectification } from "../review.api";
import { EvidenceFiles } from "./EvidenceFiles";
import { RectificationState } from "./RectificationState";

const i18n = zhI18n(zhCN);

const item = (over: Partial<Rectification> = {}): Rectification => ({
  id: 7,
  source: "self_review",
  orgId: 2,
  orgName: "城关镇第一党支部",
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
  reviewComment: null,
  closedAt: null,
  can: { manage: false, complete: false, review: false },
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
    show(<EvidenceFiles item={item({ can: { manage: false, complete: true, review: false } })} />);
    expect(screen.getByRole("button", { name: /上传佐证文件/ })).toBeTruthy();
  });

  it("show 已销号 and 待销号 before overdue, overdue before open, and why an item came back", () => {
    show(<RectificationState item={item({ status: "closed", overdue: true })} />);
    expect(screen.getByText("已销号")).toBeTruthy();
    cleanup();
    show(<RectificationState item={item({ status: "done", overdue: true })} />);
    expect(screen.getByText("待销号")).toBeTruthy();
    cleanup();
    show(<RectificationState item={item({ overdue: true, reviewComment: "请附上学习笔记" })} />);
    expect(screen.getByText("已逾期")).toBeTruthy();
    expect(screen.getByText("退回理由：请附上学习笔记")).toBeTruthy();
  });
});
