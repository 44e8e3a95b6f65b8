import { useOutletContext } from "react-router";
import type { BindingIndex } from "./binding";
import type { ReaderState } from "./reader-links";
import type { RegulationDocument, Tree } from "./regulations.api";

/** What the reader's shell has loaded once and every view inside it reads. */
export interface ReaderContext {
  docId: number;
  document: RegulationDocument;
  /** Newest first, as the API lists them. */
  latestVersion: number;
  /** The contents of the version being read; undefined while it loads. */
  tree: Tree | undefined;
  state: ReaderState;
  /** Present when the "what binds me" filter is on and its answer arrived. */
  binding: BindingIndex | undefined;
}

export const useReader = () => useOutletContext<ReaderContext>();
