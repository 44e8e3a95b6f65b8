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
  // A callback hook: it never waits, and an async one costs a promise on every response.
  app.addHook("onSend", (req, reply, payload, done) => {
    reply.headers(EVERY_RESPONSE);
    if (req.protocol === "https") {
      reply.header("strict-transport-security", "max-age=31536000");
    }
    const html = String(reply.getHeader("content-type") ?? "").startsWith("text/html");
    if (req.url.startsWith("/api/") || html) {
      reply.headers(NOT_STORED);
    }
    done(null, payload);
  });
}

const EVERY_RESPONSE = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

const NOT_STORED = { "cache-control": "no-store", pragma: "no-cache" };
