import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DomainError } from "./errors.ts";
import { format, pickLocale, type Text } from "./i18n.ts";
import { describeIssue } from "./validation-messages.ts";

function send(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  text: Text,
  field?: string,
) {
  const message = format(text, pickLocale(req.headers["accept-language"]));
  // The request id lets an operator find this request's log lines and audit rows.
  return reply
    .status(status)
    .send({ error: { code, message, field: field ?? null, requestId: req.id } });
}

/**
 * One place turns every failure into `{ error: { code, message, field } }`. Client mistakes
 * become 4xx with the field named; anything unexpected is logged with its stack and shown as
 * a plain 500 without internals. Every error carries the request id.
 */
export function registerErrorHandling(app: FastifyInstance, options: { spaFallback: boolean }) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof DomainError) {
      // A service that is down (the virus scanner) is the operator's to fix: log why.
      if (error.status >= 500) {
        req.log.error({ err: error.cause ?? error, statusCode: error.status }, error.message);
      }
      return send(req, reply, error.status, error.code, error.text, error.field);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const { field, text } = first
        ? describeIssue(first)
        : { field: "body", text: { "zh-CN": "请求内容不正确", "en-US": "Invalid request" } };
      return send(req, reply, 400, "invalid_input", text, field);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(
        req,
        reply,
        status,
        error.code?.toLowerCase() ?? "bad_request",
        clientText(error, status),
      );
    }
    req.log.error({ err: error, statusCode: 500 }, "request failed");
    return send(req, reply, 500, "internal", {
      "zh-CN": "服务器内部错误，请稍后重试或联系系统管理员",
      "en-US": "Internal server error; try again later or contact the administrator",
    });
  });

  app.setNotFoundHandler((req, reply) => {
    // Deep links such as /regulations/1/articles/11 belong to the single-page app.
    if (options.spaFallback && req.method === "GET" && !req.url.startsWith("/api")) {
      return reply.type("text/html").sendFile("index.html");
    }
    return send(req, reply, 404, "route_not_found", {
      "zh-CN": `接口不存在：${req.method} ${req.url.split("?")[0]}`,
      "en-US": `No such endpoint: ${req.method} ${req.url.split("?")[0]}`,
    });
  });
}

function clientText(error: FastifyError, status: number): Text {
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return { "zh-CN": "上传内容过大", "en-US": "Request body too large" };
  }
  if (error.code?.startsWith("FST_ERR_CTP") || status === 415) {
    return {
      "zh-CN": "请求内容格式不正确，应为 JSON",
      "en-US": "Malformed request body; JSON expected",
    };
  }
  return { "zh-CN": `请求无效：${error.message}`, "en-US": `Bad request: ${error.message}` };
}
