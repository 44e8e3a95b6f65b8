export { RegulationParseError } from "./errors.ts";
export { normalize } from "./normalize.ts";
export { parse } from "./parse.ts";
