/**
 * Realistic Chinese personal data for demo and synthetic rosters. Surnames follow their
 * rough frequency (王, 李, 张 … first); given names are drawn from common characters.
 */
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN_MALE =
  "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志海东文博德胜卫兵春晓";
const GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英玲桂兰萍红梅琳燕雪慧婷颖倩琴云莉洁佳欣悦晶丹红霞凤春晓";

export const ETHNICITIES = [
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "回族",
  "壮族",
  "满族",
  "土家族",
  "苗族",
  "蒙古族",
];

/** Small, fast, seedable PRNG (mulberry32) so a synthetic load is reproducible. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[] | string): T =>
    items[Math.floor(next() * items.length)] as T;
  return { next, int, pick };
}

export type Random = ReturnType<typeof createRandom>;

export function personName(random: Random, gender: "male" | "female"): string {
  const pool = gender === "male" ? GIVEN_MALE : GIVEN_FEMALE;
  const given =
    random.next() < 0.6
      ? random.pick<string>(pool) + random.pick<string>(pool)
      : random.pick<string>(pool);
  return random.pick<string>(SURNAMES) + given;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

// Other districts than the ones seeds used before birth dates were spread, so members seeded
// now never share an ID number with members an older seed left in the same database.
const REGIONS = ["370102", "350102", "430102", "500103", "210102", "360102", "450103", "340104"];
const FIRST_BIRTHDAY = Date.UTC(1956, 0, 1);
const DAYS = 16_436; // birth dates from 1956-01-01 to 2000-12-31, so every member is 26 to 70
const SPREAD = 7_919; // a prime not dividing DAYS: consecutive serials land on scattered days

/**
 * A unique, valid identity for roster member number `serial`: the birth date and the ID
 * number (with a correct check digit) are both derived from it. `serial mod DAYS` picks the
 * day (scattered, so one branch's members are born on different days) and `serial / DAYS`
 * the sequence number and region, so a million synthetic members never collide on the
 * unique ID-number digest.
 */
export function identityFor(serial: number, gender: "male" | "female") {
  const dayIndex = (serial * SPREAD) % DAYS;
  const block = Math.floor(serial / DAYS);
  const region = REGIONS[Math.floor(block / 500) % REGIONS.length] ?? "370102";
  const birthDate = new Date(FIRST_BIRTHDAY + dayIndex * 86_400_000).toISOString().slice(0, 10);
  const seq = (block % 500) * 2 + (gender === "male" ? 1 : 0);
  const body = `${region}${birthDate.replaceAll("-", "")}${String(seq).padStart(3, "0")}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (WEIGHTS[i] ?? 0);
  return { birthDate, idNumber: body + CHECK[sum % 11] };
}

export function mobile(random: Random): string {
  return `${random.pick(["139", "138", "137", "136", "135", "150", "151", "158", "186", "188", "177", "199"])}${String(random.int(0, 99_999_999)).padStart(8, "0")}`;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
