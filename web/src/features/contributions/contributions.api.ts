import type { z } from "zod";
import type * as s from "../../../../server/src/modules/contributions/contributions.schemas.ts";
import { api, get, post } from "../../shared/api";

export type Contribution = z.infer<typeof s.Contribution>;
export type ContributionInput = z.input<typeof s.ContributionBody>;
export type Commendation = z.infer<typeof s.Commendation>;
export type ProposeInput = z.input<typeof s.ProposeBody>;
export type ApproveInput = z.input<typeof s.ApproveBody>;
export type MemberRecord = z.infer<typeof s.MemberRecord>;
export type Kind = (typeof s.KINDS)[number];
export type Level = (typeof s.LEVELS)[number];
export type ContributionState = Contribution["state"];
export type CommendationState = Commendation["state"];
type Page<T> = { items: T[]; nextCursor: string | null };

export const KINDS: readonly Kind[] = ["article", "video", "post", "reply", "china_story", "other"];
export const LEVELS: readonly Level[] = ["branch", "committee", "county", "city", "province"];
export const CONTRIBUTIONS_KEY = ["contributions"] as const;

export const listMine = () => get<{ items: Contribution[] }>("/contributions/mine");
export const submitWork = (body: ContributionInput) => post<Contribution>("/contributions", body);
export const reviseWork = (id: number, body: ContributionInput) =>
  api<Contribution>("PUT", `/contributions/${id}`, { body });
export const withdrawWork = (id: number) => post<Contribution>(`/contributions/${id}/withdraw`);

export const listQueue = (query: { state: ContributionState; memberId?: number; after?: string }) =>
  get<Page<Contribution>>("/contributions", { ...query, limit: 20 });
/** Every accepted work of one member, page after page: a proposal may cite any of them. */
export async function allAcceptedOf(memberId: number): Promise<Contribution[]> {
  const items: Contribution[] = [];
  let after: string | undefined;
  do {
    const page = await listQueue({ state: "accepted", memberId, after });
    items.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);
  return items;
}
export const acceptWork = (id: number) => post<Contribution>(`/contributions/${id}/accept`);
export const returnWork = (id: number, reason: string) =>
  post<Contribution>(`/contributions/${id}/return`, { reason });

export const memberRecord = (memberId: number) =>
  get<MemberRecord>(`/contributions/members/${memberId}/record`);

export const listCommendations = (query: {
  orgId?: number;
  state?: CommendationState;
  after?: string;
}) => get<Page<Commendation>>("/commendations", { ...query, limit: 20 });
export const propose = (body: ProposeInput) => post<Commendation>("/commendations", body);
export const approve = (id: number, body: ApproveInput) =>
  post<Commendation>(`/commendations/${id}/approve`, body);
export const decline = (id: number, reason: string) =>
  post<Commendation>(`/commendations/${id}/decline`, { reason });
export const exportUrl = (orgId: number) => `/api/commendations.xlsx?orgId=${orgId}`;
