import type { CookieSerializeOptions } from "@fastify/cookie";
import { ABSOLUTE_TIMEOUT_MS } from "../../platform/auth/sessions.ts";

/**
 * HttpOnly so page scripts never read it; SameSite=Strict so other sites cannot send it;
 * Secure only over HTTPS, so the plain-HTTP loopback default of `npm start` still works.
 */
export function sessionCookieOptions(protocol: "http" | "https"): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: protocol === "https",
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
  };
}
