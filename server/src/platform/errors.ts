import type { Text } from "./i18n.ts";

/**
 * A failure the caller can act on. Services throw these; one handler in app.ts turns them
 * into `{ error: { code, message, field } }` with the caller's language.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(text["en-US"]);
  }
}

export class NotFound extends DomainError {
  constructor(what: Text = { "zh-CN": "记录", "en-US": "record" }) {
    super(404, "not_found", {
      "zh-CN": `${what["zh-CN"]}不存在或无权查看`,
      "en-US": `${what["en-US"]} not found`,
    });
  }
}

export class Unauthorized extends DomainError {
  constructor(
    text: Text = { "zh-CN": "请先登录", "en-US": "Please sign in" },
    code = "unauthorized",
  ) {
    super(401, code, text);
  }
}

export class Forbidden extends DomainError {
  constructor(
    text: Text = { "zh-CN": "您没有执行此操作的权限", "en-US": "You are not allowed to do this" },
  ) {
    super(403, "forbidden", text);
  }
}

export class Conflict extends DomainError {
  constructor(text: Text, field?: string, code = "conflict") {
    super(409, code, text, field);
  }
}

export class InvalidState extends DomainError {
  constructor(text: Text, code = "invalid_state") {
    super(409, code, text);
  }
}

export class BadInput extends DomainError {
  constructor(field: string, text: Text, code = "invalid_input") {
    super(400, code, text, field);
  }
}

export class TooManyRequests extends DomainError {
  constructor(text: Text, code = "locked") {
    super(429, code, text);
  }
}
