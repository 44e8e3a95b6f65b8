import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen } from "@testing-library/react";
import { useEffect, useState } from "react";
import { I18nextProvider } from "react-i18next";
import { afterEach, describe, expect, it } from "vitest";
import { zhCN } from "../../shared/i18n/zh-CN";
import { zhI18n } from "../../shared/testing";
import type { OpenMemberAccountsResponse } from "./accounts.api";
import { AccountSlipsHost, useShowSlips } from "./slips-host";

const i18n = zhI18n(zhCN);

const answer: OpenMemberAccountsResponse = {
  opened: [
    {
      memberId: 41,
      name: "吕晶",
      orgName: "城关街道幸福社区党支部",
      username: "dy000041",
      oneTimePassword: "Kx7#mQ2pLw9z",
    },
  ],
  alreadyOpen: 0,
  remaining: 0,
};

/** Stands in for the list's button: shows the slips once, then the list refreshes it away. */
function OpensThenUnmounts() {
  const show = useShowSlips();
  useEffect(() => {
    show(answer);
  }, [show]);
  return null;
}

function Page() {
  const [listed, setListed] = useState(true);
  return (
    <>
      {listed && <OpensThenUnmounts />}
      <button type="button" onClick={() => setListed(false)}>
        refresh
      </button>
    </>
  );
}

afterEach(cleanup);

describe("the one-time password slips", () => {
  it("stay on screen when the button that opened the accounts is unmounted", async () => {
    const client = new QueryClient();
    render(
      <QueryClientProvider client={client}>
        <I18nextProvider i18n={i18n}>
          <Page />
          <AccountSlipsHost />
        </I18nextProvider>
      </QueryClientProvider>,
    );
    await screen.findByText("Kx7#mQ2pLw9z");
    await act(async () => screen.getByText("refresh").click());
    expect(screen.getByText("Kx7#mQ2pLw9z")).toBeTruthy();
    expect(screen.getByText("dy000041")).toBeTruthy();
  });

  it("are gone for whoever signs in next, as signing out clears the cache", async () => {
    const client = new QueryClient();
    const app = (page: boolean) => (
      <QueryClientProvider client={client}>
        <I18nextProvider i18n={i18n}>
          {page && <Page />}
          <AccountSlipsHost />
        </I18nextProvider>
      </QueryClientProvider>
    );
    const first = render(app(true));
    await screen.findByText("Kx7#mQ2pLw9z");
    first.unmount();
    client.clear();
    render(app(false));
    expect(screen.queryByText("Kx7#mQ2pLw9z")).toBeNull();
  });
});
