import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { BadInput, Forbidden } from "../../../platform/errors.ts";
import { lookupMember } from "../../members/lookup-member.ts";
import { ownMemberRef } from "../../members/member-refs.ts";
import { onlineConductRegulationId } from "../../regulations/current-regulation.ts";
import { currentArticles } from "../../regulations/study-sources.ts";
import { requireFiler } from "../cases.policy.ts";
import type { ReportBody } from "../cases.schemas.ts";
import { effectiveSettings } from "../core/case-settings.repo.ts";
import { openCase } from "../core/open-case.ts";
import { orgIdOf } from "../core/org-path.ts";
import { orgPathForSubject } from "../core/route-case.ts";
import { reportMachine } from "./report-machine.ts";

const PLATFORM_NAMES: Record<ReportBody["platform"], string> = {
  wechat_official: "微信公众号",
  weibo: "微博",
  douyin: "抖音",
  channels: "视频号",
  bilibili: "哔哩哔哩",
  toutiao: "今日头条",
  kuaishou: "快手",
  xiaohongshu: "小红书",
  zhihu: "知乎",
  forum: "论坛、贴吧",
  other: "其他平台",
};

/** The same page under another letter case, a trailing slash or a tracking fragment. */
export function normalizeLink(link: string): string {
  const u = new URL(link);
  u.hash = "";
  return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, "")}${u.search}`;
}

/**
 * 举报 (Art 21). Routed to the named member's org, or the filer's own; a report about a
 * secretary of that org goes one level up, so nobody handles a report about themselves.
 * The filer's identity is stored only encrypted, and nothing written beside the case
 * (audit row, notifications, event actor) names them.
 */
export async function fileReport(ctx: AppContext, actor: Actor, body: ReportBody) {
  requireFiler(actor);
  const me = await ownMemberRef(ctx.db, actor);
  if (!me) throw new Forbidden();
  if (body.articles.length > 0) {
    const docId = await onlineConductRegulationId(ctx.db);
    const articles = await currentArticles(ctx.db);
    const known = new Set(articles.filter((a) => a.documentId === docId).map((a) => a.number));
    const unknown = body.articles.find((n) => !known.has(n));
    if (unknown !== undefined) {
      throw new BadInput("articles", {
        "zh-CN": `规定中没有第${unknown}条`,
        "en-US": `The regulation has no article ${unknown}`,
      });
    }
  }
  let orgPath = me.orgPath;
  let orgId = me.orgId;
  if (body.subjectMemberId) {
    const subject = await lookupMember(ctx.db, body.subjectMemberId);
    // Only members of the filer's own org can be picked: anyone else is named in words, so
    // the form never tells a filer whether someone is a member or in Wanggui.
    if (!subject || subject.archived || subject.orgPath !== me.orgPath) {
      throw new BadInput("subjectMemberId", {
        "zh-CN": "只能从本支部党员中选择；其他人请填写姓名",
        "en-US": "Pick a member of your own branch, or type the name",
      });
    }
    orgPath = await orgPathForSubject(ctx.db, subject);
  }
  if (orgPath !== me.orgPath) orgId = orgIdOf(orgPath);
  const settings = await effectiveSettings(ctx.db, orgPath);
  if (body.anonymous && !settings.allowAnonymous) {
    throw new BadInput("anonymous", {
      "zh-CN": "本组织不受理匿名举报（第十二条：不得匿名诬告），请实名举报",
      "en-US": "This organization accepts only named reports",
    });
  }
  const filed = {
    link: body.link ?? null,
    accountName: body.accountName ?? null,
    seenOn: body.seenOn,
    description: body.description,
    subjectName: body.subjectName ?? null,
  };
  return withTx(ctx.db, (tx) =>
    openCase(
      tx,
      ctx,
      { userId: actor.userId, member: me, anonymous: body.anonymous },
      {
        caseType: "report",
        prefix: "JB",
        orgId,
        orgPath,
        state: reportMachine.initial,
        title: `网络违规信息举报（${PLATFORM_NAMES[body.platform]}）`,
        subjectMemberId: body.subjectMemberId ?? null,
        details: { platform: body.platform, provisionIds: body.articles },
        linkDigest: body.link ? ctx.cipher.digest(`case-link:${normalizeLink(body.link)}`) : null,
        ackDays: settings.ackDays,
        feedbackDays: settings.feedbackDays,
        filed,
        meta: { articles: body.articles },
        notice: "收到举报",
      },
    ),
  );
}
