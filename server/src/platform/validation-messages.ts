import type { FastifySchemaValidationError } from "fastify";
import type { Text } from "./i18n.ts";

/** zod reports issues in English; members and secretaries read them in Chinese. */
export function describeIssue(issue: FastifySchemaValidationError): { field: string; text: Text } {
  const field = issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || "body";
  const params = (issue.params ?? {}) as Record<string, unknown>;
  const limit = params.minimum ?? params.maximum;
  const byCode: Record<string, Text> = {
    invalid_type: {
      "zh-CN": params.input === undefined ? `缺少必填项 ${field}` : `${field} 的类型不正确`,
      "en-US": params.input === undefined ? `${field} is required` : `${field} has the wrong type`,
    },
    too_small: {
      "zh-CN": `${field} 过短或过小（至少 ${limit}）`,
      "en-US": `${field} is too short or too small (minimum ${limit})`,
    },
    too_big: {
      "zh-CN": `${field} 过长或过大（至多 ${limit}）`,
      "en-US": `${field} is too long or too large (maximum ${limit})`,
    },
    invalid_format: { "zh-CN": `${field} 的格式不正确`, "en-US": `${field} has an invalid format` },
    invalid_value: {
      "zh-CN": `${field} 不是允许的取值`,
      "en-US": `${field} is not one of the allowed values`,
    },
    unrecognized_keys: {
      "zh-CN": `包含无法识别的字段：${String(params.keys ?? "")}`,
      "en-US": `Unrecognized fields: ${String(params.keys ?? "")}`,
    },
  };
  return {
    field,
    text: byCode[issue.keyword] ?? {
      "zh-CN": `${field}：${issue.message}`,
      "en-US": `${field}: ${issue.message}`,
    },
  };
}
