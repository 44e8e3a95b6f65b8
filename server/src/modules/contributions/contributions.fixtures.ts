/** Shared by the contributions tests: a county with two towns, members in each, and officers. */
import { buildMember } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { callerWith, countyTree } from "../orgs/orgs.fixtures.ts";

export async function contributionsTree(ctx: AppContext, tag = "") {
  const t = await countyTree(ctx, tag);
  const writer = await buildMember(ctx.db, { org: t.branch, name: "李春梅" });
  const otherWriter = await buildMember(ctx.db, { org: t.otherBranch, name: "周晓东" });
  return {
    ...t,
    writer,
    otherWriter,
    writerCaller: await callerWith(ctx, "member", t.branch, writer),
    otherWriterCaller: await callerWith(ctx, "member", t.otherBranch, otherWriter),
    siblingPropaganda: await callerWith(ctx, "propaganda_officer", t.otherTown),
    /** A second approver of the town: the organization decides, not the proposer. */
    deputy: await callerWith(ctx, "secretary", t.town),
  };
}
export type ContributionsTree = Awaited<ReturnType<typeof contributionsTree>>;

export const article = {
  title: "我身边的乡村振兴故事：幸福社区的新菜园",
  kind: "article",
  link: "https://mp.weixin.qq.com/s/Xf3kLm9QpR2",
  publishedOn: "2026-10-08",
  reportedReach: 3200,
  description: "在社区公众号发表，介绍社区党支部带领居民建设共享菜园的经过。",
};

export const video = {
  title: "用英文讲述青山古镇的非遗竹编",
  kind: "china_story",
  link: "https://www.bilibili.com/video/BV1xK4y1a7Zq",
  publishedOn: "2026-09-20",
  description: "面向海外观众的短视频，介绍竹编技艺传承人的故事。",
};
