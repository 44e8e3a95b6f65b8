import type { Locale } from "antd/es/locale";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { setApiLanguage } from "../api";
import { zhCN } from "./zh-CN";

export const LANGUAGES = ["zh-CN", "en-US"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "wanggui.lang";

let englishAntd: Locale | null = null;

/** antd's English texts once loaded; null until someone chose English. */
export function antdEnglish(): Locale | null {
  return englishAntd;
}

/** English is fetched only when chosen, so the zh-CN sign-in page does not carry it. */
async function ensureLoaded(lng: Language) {
  if (lng !== "en-US" || i18n.hasResourceBundle("en-US", "translation")) return;
  const pack = await import("./en-US-pack");
  englishAntd = pack.antd;
  i18n.addResourceBundle("en-US", "translation", pack.dictionary);
}

function storedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return LANGUAGES.find((l) => l === saved) ?? "zh-CN";
}

/** zh-CN unless the user chose English before; the choice is remembered on this device. */
export async function initI18n() {
  const lng = storedLanguage();
  setApiLanguage(lng);
  void i18n.use(initReactI18next).init({
    resources: { "zh-CN": { translation: zhCN } },
    lng: "zh-CN",
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
  if (lng !== "zh-CN") await changeLanguage(lng);
  return i18n;
}

export async function changeLanguage(lng: Language) {
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  await ensureLoaded(lng);
  return i18n.changeLanguage(lng);
}

export { i18n };
