/** Today's date in China (UTC+8), "YYYY-MM-DD", whatever time zone the browser is set to. */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The calendar year in China now: the year a party organization's plans and meetings count
 * in, whatever time zone the browser is set to.
 */
export const chinaYear = () => Number(chinaToday().slice(0, 4));
