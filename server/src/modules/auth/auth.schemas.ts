import { z } from "zod";
import { PERMISSIONS, ROLES } from "../../platform/auth/permissions.ts";

// Passwords are checked against the policy in the use case, which names the rule broken;
// here only a sane upper bound and no NUL, which PostgreSQL and argon2 inputs must not carry.
const secret = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !s.includes("\u0000"), "contains a NUL character");

export const SessionStage = z.enum(["password_change", "totp_enrol", "totp", "active"]);

export const LoginBody = z.strictObject({
  username: secret(64),
  password: secret(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const UserSummary = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const LoginResponse = z.object({
  stage: SessionStage,
  csrfToken: z.string(),
  user: UserSummary,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const SessionGrant = z.object({
  id: z.number(),
  role: z.enum(ROLES),
  orgId: z.number(),
  orgName: z.string(),
  orgPath: z.string(),
});

export const SessionResponse = z.object({
  user: UserSummary.extend({ memberId: z.number().nullable(), isCadre: z.boolean() }),
  stage: SessionStage,
  csrfToken: z.string(),
  grants: z.array(SessionGrant),
  permissions: z.array(z.enum(PERMISSIONS)),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  /** The personal-information notice has not been consented to in its current version. */
  piConsentRequired: z.boolean(),
  piNoticeVersion: z.string(),
  /** A demo account: the web app shows the demo banner. */
  demo: z.boolean(),
  idleTimeoutSeconds: z.number(),
  /** ISO time when the session ends however active it is (12-hour absolute limit). */
  expiresAt: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** The session if there is one: a page asking "who is signed in?" gets null, not a 401. */
export const CurrentSessionResponse = z.object({ session: SessionResponse.nullable() });
export type CurrentSessionResponse = z.infer<typeof CurrentSessionResponse>;

export const StageResponse = z.object({ stage: SessionStage });
export type StageResponse = z.infer<typeof StageResponse>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: secret(256),
  newPassword: secret(256),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const TotpEnrolResponse = z.object({
  /** Base32, for typing into an authenticator app by hand. */
  secret: z.string(),
  /** otpauth:// URI, for a QR code. */
  uri: z.string(),
});
export type TotpEnrolResponse = z.infer<typeof TotpEnrolResponse>;

const totpCode = z.string().regex(/^\d{6}$/, "six digits");

export const TotpConfirmBody = z.strictObject({ code: totpCode });
export type TotpConfirmBody = z.infer<typeof TotpConfirmBody>;

export const TotpConfirmResponse = z.object({
  stage: SessionStage,
  /** Shown once; only digests are stored. */
  recoveryCodes: z.array(z.string()),
});
export type TotpConfirmResponse = z.infer<typeof TotpConfirmResponse>;

// Exactly one of the two: a code from the app, or a recovery code when the phone is lost.
export const TotpVerifyBody = z.union([
  z.strictObject({ code: totpCode }),
  z.strictObject({ recoveryCode: z.string().regex(/^[A-Za-z0-9 -]{8,24}$/) }),
]);
export type TotpVerifyBody = z.infer<typeof TotpVerifyBody>;

export const ConsentBody = z.strictObject({ version: z.string().min(1).max(32) });
export type ConsentBody = z.infer<typeof ConsentBody>;

export const ConsentResponse = z.object({ piConsentAt: z.string(), piConsentVersion: z.string() });
export type ConsentResponse = z.infer<typeof ConsentResponse>;

export const OkResponse = z.object({ ok: z.literal(true) });

/** Routes that take no input still refuse a body, so stray fields are noticed. */
export const EmptyBody = z.strictObject({}).nullish();
