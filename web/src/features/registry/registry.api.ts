import type { z } from "zod";
import type * as att from "../../../../server/src/modules/registry/attestation/attestation.schemas.ts";
import type * as dec from "../../../../server/src/modules/registry/declarations/declarations.schemas.ts";
import type * as s from "../../../../server/src/modules/registry/registry.schemas.ts";
import { get, post, withQuery } from "../../shared/api";

export type Account = z.infer<typeof s.Account>;
export type AccountVersion = z.infer<typeof s.AccountVersion>;
export type AccountInput = z.input<typeof s.AccountBody>;
export type Platform = s.Platform;
export type AttestationCampaign = z.infer<typeof att.Campaign>;
export type AttestationCoverage = z.infer<typeof att.Coverage>;
export type AttestationStatus = NonNullable<att.CoverageQuery["status"]>;
export type MyAttestation = z.infer<typeof att.MyAttestation>;
export type OpenAttestationInput = z.input<typeof att.OpenCampaignBody>;
export type DeclarationCampaign = z.infer<typeof dec.DeclarationCampaign>;
export type DeclarationCoverage = z.infer<typeof dec.DeclarationCoverage>;
export type DeclarationStatus = NonNullable<dec.CoverageQuery["status"]>;
export type Declaration = z.infer<typeof dec.Declaration>;
export type DeclarationVersion = Declaration["versions"][number];
export type DeclareInput = z.input<typeof dec.DeclareBody>;
export type MyDeclaration = z.infer<typeof dec.MyDeclaration>;
export type OpenDeclarationInput = z.input<typeof dec.OpenDeclarationCampaignBody>;
export type FindingInput = z.input<typeof dec.FindingBody>;
export type Finding = z.infer<typeof dec.Finding>;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const REGISTRY_KEY = ["registry"] as const;
/** The cadre's own entries: refreshed together after a save or a signature. */
export const MINE_KEY = [...REGISTRY_KEY, "mine"] as const;
export const PLATFORMS: readonly Platform[] = [
  "wechat_official",
  "weibo",
  "douyin",
  "channels",
  "bilibili",
  "toutiao",
  "other",
];

// The cadre's own register, attestations and declarations.
export const myAccounts = () => get<{ items: Account[] }>("/registry/accounts/mine");
export const getAccount = (id: number) => get<Account>(`/registry/accounts/${id}`);
export const registerAccount = (body: AccountInput) => post<Account>("/registry/accounts", body);
export const reviseAccount = (id: number, body: AccountInput) =>
  post<Account>(`/registry/accounts/${id}/versions`, body);
export const myAttestations = () => get<{ items: MyAttestation[] }>("/registry/attestations/mine");
export const signAttestation = (campaignId: number, password: string) =>
  post<MyAttestation>(`/registry/campaigns/${campaignId}/sign`, { confirm: true, password });
export const myDeclarations = () => get<{ items: MyDeclaration[] }>("/registry/declarations/mine");
export const getDeclaration = (id: number) => get<Declaration>(`/registry/declarations/${id}`);
export const declare = (campaignId: number, body: DeclareInput) =>
  post<Declaration>(`/registry/declaration-campaigns/${campaignId}/declarations`, body);

// The overseers' side: the subtree's register, campaigns and coverage, findings.
export const listRegister = (orgId: number | undefined, cursor?: string) =>
  get<Page<Account>>("/registry/accounts", { orgId, after: cursor });
export const registerExportHref = (orgId: number) =>
  withQuery("/api/registry/accounts.xlsx", { orgId });
export const listAttestationCampaigns = (orgId: number | undefined, cursor?: string) =>
  get<Page<AttestationCampaign>>("/registry/campaigns", { orgId, after: cursor });
export const openAttestationCampaign = (body: OpenAttestationInput) =>
  post<AttestationCampaign>("/registry/campaigns", body);
export const attestationCoverage = (id: number, status?: AttestationStatus, cursor?: string) =>
  get<AttestationCoverage>(`/registry/campaigns/${id}`, { status, after: cursor });
export const listDeclarationCampaigns = (orgId: number | undefined, cursor?: string) =>
  get<Page<DeclarationCampaign>>("/registry/declaration-campaigns", { orgId, after: cursor });
export const openDeclarationCampaign = (body: OpenDeclarationInput) =>
  post<DeclarationCampaign>("/registry/declaration-campaigns", body);
export const declarationCoverage = (id: number, status?: DeclarationStatus, cursor?: string) =>
  get<DeclarationCoverage>(`/registry/declaration-campaigns/${id}`, { status, after: cursor });
export const recordFinding = (declarationId: number, body: FindingInput) =>
  post<Finding>(`/registry/declarations/${declarationId}/findings`, body);
