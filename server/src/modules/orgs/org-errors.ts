import { NotFound } from "../../platform/errors.ts";

export const orgNotFound = () => new NotFound({ "zh-CN": "党组织", "en-US": "Organization" });
