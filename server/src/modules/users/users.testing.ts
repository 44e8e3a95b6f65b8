// A small city tree with a security administrator at each level, shared by the users tests.
import type { FastifyInstance } from "fastify";
import {
  buildMember,
  buildOrg,
  buildUser,
  type SignedIn,
  signIn,
  type TestOrg,
  type TestUser,
} from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";

export interface CityTree {
  city: TestOrg;
  countyA: TestOrg;
  branchA: TestOrg;
  countyB: TestOrg;
  branchB: TestOrg;
  /** Security administrators at the city and at each county, signed in (TOTP done). */
  cityAdmin: TestUser & SignedIn;
  adminA: TestUser & SignedIn;
  adminB: TestUser & SignedIn;
  /** A plain member of branch A and a secretary of branch A, signed in. */
  member: TestUser & SignedIn;
  secretary: TestUser & SignedIn;
}

export async function buildCityTree(ctx: AppContext): Promise<CityTree> {
  const city = await buildOrg(ctx.db, { name: "中共临川市委" });
  const countyA = await buildOrg(ctx.db, { parent: city, name: "中共东乡区委" });
  const branchA = await buildOrg(ctx.db, { parent: countyA, name: "东乡区孝岗镇第一党支部" });
  const countyB = await buildOrg(ctx.db, { parent: city, name: "中共崇仁县委" });
  const branchB = await buildOrg(ctx.db, { parent: countyB, name: "崇仁县巴山镇机关党支部" });
  const signed = async (user: TestUser) => ({ ...user, ...(await signIn(ctx.db, user)) });
  const asMember = (org: TestOrg, name: string) => buildMember(ctx.db, { org, name });
  return {
    city,
    countyA,
    branchA,
    countyB,
    branchB,
    cityAdmin: await signed(
      await buildUser(ctx.db, {
        role: "security_admin",
        at: city,
        member: await asMember(city, "罗德胜"),
      }),
    ),
    adminA: await signed(
      await buildUser(ctx.db, {
        role: "security_admin",
        at: countyA,
        member: await asMember(countyA, "何丽娟"),
      }),
    ),
    adminB: await signed(
      await buildUser(ctx.db, {
        role: "security_admin",
        at: countyB,
        member: await asMember(countyB, "高文博"),
      }),
    ),
    member: await signed(
      await buildUser(ctx.db, {
        role: "member",
        at: branchA,
        member: await asMember(branchA, "林晓明"),
      }),
    ),
    secretary: await signed(
      await buildUser(ctx.db, {
        role: "secretary",
        at: branchA,
        member: await asMember(branchA, "郭红梅"),
      }),
    ),
  };
}

export function call(
  app: FastifyInstance,
  method: "GET" | "POST",
  url: string,
  who?: { headers: Record<string, string> },
  payload?: object,
) {
  return app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
}
