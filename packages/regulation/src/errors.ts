export type ParseErrorCode = "empty_input" | "binary_input" | "no_articles" | "strict_warning";

export type WarningCode =
  | "no_articles"
  | "numbering_gap"
  | "numbering_repeat"
  | "heading_typo"
  | "spaced_heading"
  | "orphan_text";

export interface ParseWarning {
  /** 1-based line in the raw input; normalization never adds or removes lines. */
  line: number;
  code: WarningCode;
  message: string;
}

export class RegulationParseError extends Error {
  readonly code: ParseErrorCode;
  /** 1-based line in the raw input, 0 when the problem is the input as a whole. */
  readonly line: number;

  constructor(code: ParseErrorCode, message: string, line = 0) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = "RegulationParseError";
    this.code = code;
    this.line = line;
  }
}
