import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { setApiLanguage } from "../api";
import { enUS } from "./en-US";
import { zhCN } from "./zh-CN";

export const LANGUAGES = ["zh-CN", "en-US"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "wanggui.lang";

export const resources = {
  "zh-CN": { translation: zhCN },
  "en-US": { translation: enUS },
} as const;

function storedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return LANGUAGES.find((l) => l === saved) ?? "zh-CN";
}

/** zh-CN unless the user chose English before; the choice is remembered on this device. */
export function initI18n() {
  const lng = storedLanguage();
  setApiLanguage(lng);
  void i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    // The dictionaries are bundled, so nothing needs waiting for: initialise before the
    // first render instead of suspending the whole app on it.
    initAsync: false,
    react: { useSuspense: false },
  });
  i18n.on("languageChanged", (next) => {
    setApiLanguage(next);
    document.documentElement.lang = next;
  });
  return i18n;
}

export function changeLanguage(lng: Language) {
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  return i18n.changeLanguage(lng);
}

export { i18n };
