import type { FastifyInstance } from "fastify";

/**
 * The page's content policy: scripts only from this server's own files (no inline script, no
 * eval), no plugins, no framing by any site, forms and requests only to this origin. Styles
 * allow inline because antd writes its CSS-in-JS into <style> elements at run time; a style
 * cannot run code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Headers on every response, the API's and the web app's alike. Every API answer is personal
 * or tied to a session (a roster, a ballot state, an audit page), so none may be kept by a
 * browser or a shared cache; the web app's hashed files may. HSTS is sent only when the request
 * arrived over TLS (directly or through a trusted proxy), so plain-HTTP loopback still works.
 */
export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook("onSend", async (req, reply, payload) => {
    reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "no-referrer");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("permissions-policy", "camera=(), microphone=(), geolocation=()");
    if (req.protocol === "https") {
      reply.header("strict-transport-security", "max-age=31536000");
    }
    const html = String(reply.getHeader("content-type") ?? "").startsWith("text/html");
    if (req.url.startsWith("/api/") || html) {
      reply.header("cache-control", "no-store");
      reply.header("pragma", "no-cache");
    }
    return payload;
  });
}
