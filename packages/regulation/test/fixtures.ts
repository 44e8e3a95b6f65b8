import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The repository's own copy of what the tests read (test-data/README.md says where from). */
export const TEST_DATA = resolve(import.meta.dirname, "../../../test-data");
export const CORPUS = resolve(TEST_DATA, "corpus/laws");
export const AKN_SCHEMAS = resolve(TEST_DATA, "standards/akn");

export function readSeed(): string {
  return readFileSync(
    resolve(TEST_DATA, "regulations/party-member-online-conduct-2024.txt"),
    "utf8",
  );
}

export function readCorpusFile(file: string): string {
  return readFileSync(resolve(CORPUS, file), "utf8");
}
