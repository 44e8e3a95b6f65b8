const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Character class for numerals in headings such as 第一百零八条 or 第108条. */
export const NUMERAL_CLASS = "[0-9０-９〇零一二两三四五六七八九十百千万亿]";

/**
 * Converts a Chinese or Arabic numeral (一百零八, 一千二百六十, 十一, 108, １０８) to an integer.
 * Returns null for anything that is not a well-formed numeral, so callers can reject
 * "第十十条" instead of guessing.
 */
export function parseNumeral(text: string): number | null {
  const s = text.trim();
  if (s === "") return null;
  if (/^[0-9０-９]+$/.test(s)) {
    return Number(s.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  }
  // Digit-by-digit spelling, as in years (二〇二四), has no unit characters.
  if (/^[〇零一二三四五六七八九]{2,}$/.test(s)) {
    return Number([...s].map((c) => DIGITS[c]).join(""));
  }
  return parseWithUnits(s);
}

function parseWithUnits(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastSmall = Number.POSITIVE_INFINITY;
  let lastLarge = Number.POSITIVE_INFINITY;
  for (const c of s) {
    const d = DIGITS[c];
    if (d !== undefined) {
      if (digit !== null && digit !== 0 && d !== 0) return null;
      digit = d;
      continue;
    }
    const small = SMALL_UNITS[c];
    if (small !== undefined) {
      if (small >= lastSmall) return null;
      // A bare 十 means one ten (十一 = 11, 一百十 = 110); a bare 百 or 千 is malformed.
      const multiplier = digit ?? (small === 10 ? 1 : 0);
      if (multiplier === 0) return null;
      section += multiplier * small;
      lastSmall = small;
      digit = null;
      continue;
    }
    const large = LARGE_UNITS[c];
    if (large !== undefined) {
      if (large >= lastLarge) return null;
      section += digit ?? 0;
      if (section === 0) return null;
      total += section * large;
      section = 0;
      digit = null;
      lastSmall = Number.POSITIVE_INFINITY;
      lastLarge = large;
      continue;
    }
    return null;
  }
  return total + section + (digit ?? 0);
}

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** Integer to the numeral used in headings (11 → 十一, 108 → 一百零八), for labels and tests. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100_000_000) {
    throw new RangeError(`numeral out of range: ${n}`);
  }
  if (n === 0) return "零";
  if (n >= 10_000) {
    const high = Math.floor(n / 10_000);
    const low = n % 10_000;
    const lowText = low === 0 ? "" : (low < 1000 ? "零" : "") + belowTenThousand(low, false);
    return `${belowTenThousand(high, true)}万${lowText}`;
  }
  return belowTenThousand(n, true);
}

function belowTenThousand(n: number, leading: boolean): string {
  const units = ["千", "百", "十", ""];
  const parts = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = "";
  let pendingZero = false;
  parts.forEach((d, i) => {
    if (d === 0) {
      if (out !== "") pendingZero = true;
      return;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    // 十一 rather than 一十一 when ten is the leading unit.
    const unit = units[i] ?? "";
    const skipOne = d === 1 && unit === "十" && out === "" && leading;
    out += (skipOne ? "" : (CN_DIGITS[d] ?? "")) + unit;
  });
  return out;
}
