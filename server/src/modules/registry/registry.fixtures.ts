/** Shared by the registry tests: a county with two towns, cadres in each, and their callers. */
import { buildMember } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { callerWith, countyTree } from "../orgs/orgs.fixtures.ts";

export async function registryTree(ctx: AppContext, tag = "") {
  const t = await countyTree(ctx, tag);
  const cadre = await buildMember(ctx.db, { org: t.branch, name: "赵德胜", isCadre: true });
  const cadre2 = await buildMember(ctx.db, { org: t.branch, name: "钱海燕", isCadre: true });
  const otherCadre = await buildMember(ctx.db, {
    org: t.otherBranch,
    name: "孙卫东",
    isCadre: true,
  });
  return {
    ...t,
    cadre,
    cadre2,
    otherCadre,
    cadreCaller: await callerWith(ctx, "member", t.branch, cadre),
    cadre2Caller: await callerWith(ctx, "member", t.branch, cadre2),
    otherCadreCaller: await callerWith(ctx, "member", t.otherBranch, otherCadre),
    discipline: await callerWith(ctx, "discipline_officer", t.town),
  };
}
export type RegistryTree = Awaited<ReturnType<typeof registryTree>>;

export const weibo = {
  platform: "weibo",
  name: "城关镇发布",
  handle: "chengguan_fabu",
  link: "https://weibo.com/u/5512345678",
  ownership: "unit",
  unitName: "城关镇人民政府",
  purpose: "发布镇政务信息，回应群众关切",
  since: "2019-03-01",
  coManagers: "镇党政办 李丽娟",
};
