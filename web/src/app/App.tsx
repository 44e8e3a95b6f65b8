import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, RouterProvider } from "react-router";
import { ApiError, onUnauthorized } from "../shared/api";
import { antdEnglish } from "../shared/i18n";
import { SESSION_KEY } from "../shared/session";
import { PageSkeleton } from "../shared/ui/PageSkeleton";
import { Guarded, Home, RequireSession } from "./guards";
import { OrgScopeProvider } from "./org-scope";
import { PageCrash } from "./PageCrash";
import { AppLayout, ConsentPage, PAGES, SignInPage } from "./pages";
import { ROUTES } from "./route-table";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a dropped connection might.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage /> },
  { path: "/consent", element: <ConsentPage /> },
  {
    path: "/",
    errorElement: <PageCrash />,
    element: (
      <RequireSession>
        {(session) => (
          <OrgScopeProvider session={session}>
            <AppLayout session={session} />
          </OrgScopeProvider>
        )}
      </RequireSession>
    ),
    children: [
      { index: true, element: <Home /> },
      ...ROUTES.map((route) => {
        const Page = PAGES[route.key];
        return {
          path: route.path,
          errorElement: <PageCrash />,
          element: (
            <Guarded route={route}>
              <Page />
            </Guarded>
          ),
        };
      }),
      { path: "*", element: <Home /> },
    ],
  },
]);

// Whoever asked their system for less motion gets none: dialogs and menus appear at once.
// The browser tests ask for it too, so a click never lands on a dialog still zooming in.
const reducedMotion =
  typeof window.matchMedia === "function" &&
  window.matchMedia("(prefers-reduced-motion: reduce)").matches;

export function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  dayjs.locale(zh ? "zh-cn" : "en");
  useEffect(() => onUnauthorized(() => queryClient.setQueryData(SESSION_KEY, null)), []);
  return (
    <ConfigProvider
      locale={zh ? zhCN : (antdEnglish() ?? zhCN)}
      theme={{ token: { colorPrimary: "#c8102e", borderRadius: 6, motion: !reducedMotion } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={<PageSkeleton />}>
            <RouterProvider router={router} />
          </Suspense>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
