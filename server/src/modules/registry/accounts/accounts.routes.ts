import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf, auditActorOf } from "../../../platform/auth/plugin.ts";
import type { AppContext } from "../../../platform/context.ts";
import { sendFile } from "../../../platform/files-http.ts";
import { XLSX_MIME } from "../../../platform/xlsx.ts";
import {
  Account,
  AccountBody,
  AccountList,
  AccountQuery,
  ExportQuery,
  IdParams,
} from "../registry.schemas.ts";
import { exportAccounts } from "./export-accounts.ts";
import { getAccount, listRegistry, myAccounts } from "./read-accounts.ts";
import { registerAccount, reviseAccount } from "./save-account.ts";

const tags = ["registry"];

/** 网络公众账号登记 (Art 20): cadres declare their accounts; overseers read their subtree's. */
export async function accountsRoutes(api: FastifyInstance, ctx: AppContext) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/registry/accounts/mine",
    {
      schema: {
        tags,
        summary: "本人登记的网络公众账号",
        response: { 200: AccountList.pick({ items: true }) },
      },
    },
    async (req) => myAccounts(ctx.db, actorOf(req)),
  );
  r.post(
    "/registry/accounts",
    {
      schema: { tags, summary: "登记网络公众账号", body: AccountBody, response: { 201: Account } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await registerAccount(ctx.db, actorOf(req), auditActorOf(req), req.body)),
  );
  r.post(
    "/registry/accounts/:id/versions",
    {
      schema: {
        tags,
        summary: "修改或停用网络公众账号（保存为新版本，原记录保留）",
        params: IdParams,
        body: AccountBody,
        response: { 200: Account },
      },
    },
    async (req) => reviseAccount(ctx.db, actorOf(req), auditActorOf(req), req.params.id, req.body),
  );
  r.get(
    "/registry/accounts",
    {
      schema: {
        tags,
        summary: "本组织及下级党员干部网络公众账号登记",
        querystring: AccountQuery,
        response: { 200: AccountList },
      },
    },
    async (req) => listRegistry(ctx.db, actorOf(req), auditActorOf(req), req.query),
  );
  r.get(
    "/registry/accounts.xlsx",
    { schema: { tags, summary: "导出网络公众账号登记表（Excel）", querystring: ExportQuery } },
    async (req, reply) => {
      const file = await exportAccounts(ctx.db, actorOf(req), auditActorOf(req), req.query.orgId);
      return sendFile(reply, XLSX_MIME, file.fileName, "public-accounts.xlsx", file.bytes);
    },
  );
  r.get(
    "/registry/accounts/:id",
    {
      schema: {
        tags,
        summary: "网络公众账号登记及其历次版本",
        params: IdParams,
        response: { 200: Account },
      },
    },
    async (req) => getAccount(ctx.db, actorOf(req), auditActorOf(req), req.params.id),
  );
}
