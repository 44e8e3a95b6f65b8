import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** ../shared beside the repository root, as in development and CI. */
export const SHARED = resolve(import.meta.dirname, "../../../../shared");
export const CORPUS = resolve(SHARED, "corpus/laws");

export function readSeed(): string {
  return readFileSync(resolve(SHARED, "regulations/party-member-online-conduct-2024.txt"), "utf8");
}

export function readCorpusFile(file: string): string {
  return readFileSync(resolve(CORPUS, file), "utf8");
}
