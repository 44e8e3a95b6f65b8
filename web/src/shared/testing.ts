// Shared by the web's component tests only; nothing in the app imports it.
import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";

/** A zh-CN i18next instance over `translation`, ready at once, for a component under test. */
export function zhI18n(translation: Record<string, unknown>): I18n {
  const i18n = createInstance();
  void i18n.use(initReactI18next).init({
    resources: { "zh-CN": { translation } },
    lng: "zh-CN",
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return i18n;
}

/** jsdom has neither; antd's tables, modals and responsive pieces ask for them. */
export function fillJsdomGaps() {
  globalThis.matchMedia ??= (media: string) =>
    ({
      matches: false,
      media,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
