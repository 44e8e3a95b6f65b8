import { BadInput } from "../../../platform/errors.ts";

/** A meeting ends after it starts; either may still be blank. */
export function checkHours(startsAt: string | null, endsAt: string | null) {
  if (startsAt && endsAt && endsAt <= startsAt) {
    throw new BadInput("endsAt", {
      "zh-CN": "结束时间须晚于开始时间",
      "en-US": "The meeting must end after it starts",
    });
  }
}
