import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import { App } from "antd";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { fillJsdomGaps, zhI18n } from "../../shared/testing";
import { ArticleText } from "./ArticleText";
import { zhCN } from "./locale";
import { DiffText, Snippet } from "./marks";
import { Provisions } from "./Provisions";
import type { Provision } from "./regulations.api";

fillJsdomGaps();

const i18n = zhI18n(zhCN);

function wrap(children: ReactNode) {
  return render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={new QueryClient()}>
        <App>
          <MemoryRouter>{children}</MemoryRouter>
        </App>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

afterEach(cleanup);

describe("search snippets", () => {
  it("marks the hits and renders everything as text, never as markup", () => {
    const { container } = wrap(
      <Snippet
        pieces={[
          { text: "不得<b>以职务身份</b>开展网络借贷、", hit: false },
          { text: "直播带货", hit: true },
          { text: "等营利活动。", hit: false },
        ]}
      />,
    );
    const marks = container.querySelectorAll("mark");
    expect([...marks].map((m) => m.textContent)).toEqual(["直播带货"]);
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toBe("不得<b>以职务身份</b>开展网络借贷、直播带货等营利活动。");
  });
});

describe("version diff", () => {
  it("puts insertions in <ins> and deletions in <del>, so either side reads back", () => {
    const { container } = wrap(
      <DiffText
        ops={[
          { op: "equal", text: "网络借贷、直播带货" },
          { op: "delete", text: "等" },
          { op: "insert", text: "、有偿推广等" },
          { op: "equal", text: "营利活动。" },
        ]}
      />,
    );
    expect(container.querySelector("ins")?.textContent).toBe("、有偿推广等");
    expect(container.querySelector("del")?.textContent).toBe("等");
    const side = (drop: string) => {
      const copy = container.cloneNode(true) as HTMLElement;
      for (const el of copy.querySelectorAll(drop)) el.remove();
      return copy.textContent;
    };
    expect(side("ins")).toBe("网络借贷、直播带货等营利活动。");
    expect(side("del")).toBe("网络借贷、直播带货、有偿推广等营利活动。");
  });
});

describe("article text", () => {
  it("links internal references to their article and titles external ones", () => {
    wrap(
      <ArticleText
        docId={1}
        state={{ binds: "member" }}
        paragraphs={[
          { eId: "art_21_1__para_1", text: "依照本规定第二十一条和有关规定举报。", items: [] },
        ]}
        references={[
          { kind: "internal", text: "本规定第二十一条", article: { number: 21, sub: 0 } },
          { kind: "external", text: "有关规定", title: "有关规定" },
        ]}
      />,
    );
    expect(screen.getByRole("link", { name: "本规定第二十一条" }).getAttribute("href")).toBe(
      "/regulations/1/articles/21?binds=member",
    );
    expect(screen.getByText("有关规定").getAttribute("title")).toBe("外部文件：有关规定");
    expect(document.getElementById("art_21_1__para_1")).not.toBeNull();
  });
});

const provision = (over: Partial<Provision>): Provision => ({
  id: 1,
  seq: 1,
  kind: "prohibition",
  subjects: ["cadre"],
  text: "党员干部不得……",
  automatic: { kind: "prohibition", subjects: ["cadre"] },
  correction: null,
  article: { number: 19, sub: 0, label: "第十九条" },
  ...over,
});

describe("provisions", () => {
  const two = [
    provision({ id: 1 }),
    provision({ id: 2, kind: "obligation", subjects: ["member"], text: "党员应当……" }),
  ];

  it("shows kind and subject chips and fades what does not bind the reader", () => {
    const { container } = wrap(
      <Provisions
        provisions={two}
        articleText="党员干部不得……党员应当……"
        label="第十九条"
        bindingIds={new Set([2])}
        binds="member"
        canAnnotate={false}
      />,
    );
    expect(container.querySelector('[data-kind="prohibition"]')?.textContent).toBe("不得");
    expect(container.querySelector('[data-subject="cadre"]')?.textContent).toBe("党员干部");
    const items = screen.getAllByTestId("provision");
    expect(items.map((el) => el.classList.contains("wg-dim"))).toEqual([true, false]);
    expect(screen.getByText("不直接约束党员")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /更正标注/ })).toBeNull();
  });

  it("offers 更正标注 to annotators and shows a correction beside the automatic annotation", () => {
    const corrected = provision({
      kind: "obligation",
      subjects: ["member", "cadre"],
      correction: {
        kind: "obligation",
        subjects: ["member", "cadre"],
        note: "本句约束全体党员",
        correctedBy: "市委宣传部干部",
        correctedAt: "2026-01-02T03:04:05Z",
      },
    });
    const { container } = wrap(
      <Provisions
        provisions={[corrected]}
        articleText={corrected.text}
        label="第十九条"
        bindingIds={undefined}
        binds={undefined}
        canAnnotate
      />,
    );
    expect(screen.getByRole("button", { name: /更正标注/ })).toBeTruthy();
    const box = container.querySelector(".wg-correction");
    expect(box?.textContent).toContain("自动标注");
    expect(box?.querySelector('[data-kind="prohibition"]')).not.toBeNull();
    expect(box?.textContent).toContain("本句约束全体党员");
    // A single provision that is the whole article is not printed twice.
    expect(container.querySelector(".wg-provision-text")).toBeNull();
  });
});
