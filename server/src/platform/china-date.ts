/**
 * Dates as a party organization in China reads them (UTC+8, no daylight saving): a server
 * running in UTC would otherwise roll over to the next day or year eight hours late.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today's date in China, "YYYY-MM-DD". */
export const chinaToday = () => new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The calendar year in China now: what "this year" means to a county committee. */
export const chinaYear = () => Number(chinaToday().slice(0, 4));

/** A moment as a clock in China reads it, "YYYY-MM-DD HH:mm". */
export const chinaMinute = (at: Date) =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
