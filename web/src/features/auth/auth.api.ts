import type {
  ChangePasswordBody,
  ConsentResponse,
  LoginBody,
  LoginResponse,
  StageResponse,
  TotpConfirmBody,
  TotpConfirmResponse,
  TotpEnrolResponse,
  TotpVerifyBody,
} from "../../../../server/src/modules/auth/auth.schemas.ts";
import { post, setCsrfToken } from "../../shared/api";

export async function login(body: LoginBody): Promise<LoginResponse> {
  const result = await post<LoginResponse>("/auth/login", body);
  setCsrfToken(result.csrfToken);
  return result;
}

export const changePassword = (body: ChangePasswordBody) =>
  post<StageResponse>("/auth/password", body);
export const enrolTotp = () => post<TotpEnrolResponse>("/auth/totp/enrol");
export const confirmTotp = (body: TotpConfirmBody) =>
  post<TotpConfirmResponse>("/auth/totp/confirm", body);
export const verifyTotp = (body: TotpVerifyBody) => post<StageResponse>("/auth/totp/verify", body);
export const consent = (version: string) => post<ConsentResponse>("/auth/consent", { version });
