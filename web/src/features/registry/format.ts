import dayjs from "dayjs";

/** A server timestamp as a 党务工作者 reads it: 2026-12-02 09:30. */
export const when = (iso: string | null | undefined) =>
  iso ? dayjs(iso).format("YYYY-MM-DD HH:mm") : "";

/** The platform as named in the register: 其他 shows the name the cadre wrote. */
export function platformName(
  t: (key: string) => string,
  v: { platform: string; platformOther: string | null },
): string {
  return v.platform === "other" && v.platformOther
    ? v.platformOther
    : t(`registry.platform.${v.platform}`);
}
