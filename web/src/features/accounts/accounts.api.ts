import type {
  OpenMemberAccountsBody,
  OpenMemberAccountsResponse,
} from "../../../../server/src/modules/users/users.schemas.ts";
import { post } from "../../shared/api";

export type {
  AccountSlip,
  OpenMemberAccountsResponse,
} from "../../../../server/src/modules/users/users.schemas.ts";

export const openMemberAccounts = (body: OpenMemberAccountsBody) =>
  post<OpenMemberAccountsResponse>("/member-accounts", body);
