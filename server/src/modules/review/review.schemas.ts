import { z } from "zod";
import { isControl } from "../orgs/orgs.schemas.ts";

/** One line of text: trimmed, no control characters. */
export const Line = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => ![...s].some(isControl), "control characters are not allowed");
/** Free text that may run over several lines (minutes, 问题表现), but no other control chars. */
export const Prose = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (s) => ![...s].some((c) => isControl(c) && c !== "\n" && c !== "\r" && c !== "\t"),
      "control characters are not allowed",
    );

export const MeetingKind = z.enum(["branch_life", "leadership_life"]);
export const Grade = z.enum(["excellent", "competent", "basically_competent", "incompetent"]);
export type Grade = z.infer<typeof Grade>;
export const Year = z.coerce.number().int().min(2000).max(2100);
