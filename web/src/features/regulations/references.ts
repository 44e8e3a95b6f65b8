import type { Reference } from "./regulations.api";

export interface TextPiece {
  text: string;
  ref?: Reference;
}

/**
 * Cuts a paragraph into plain text and the references found in it, left to right, so each
 * citation can become a link in place. Where two references start at the same spot the
 * longer one wins (本规定第二十一条 over 第二十一条); a reference never splits another.
 */
export function linkReferences(text: string, refs: readonly Reference[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  let plainFrom = 0;
  const usable = refs.filter((r) => r.text.length > 0);
  while (at < text.length) {
    const match = usable
      .filter((r) => text.startsWith(r.text, at))
      .sort((a, b) => b.text.length - a.text.length)[0];
    if (!match) {
      at += 1;
      continue;
    }
    if (at > plainFrom) pieces.push({ text: text.slice(plainFrom, at) });
    pieces.push({ text: match.text, ref: match });
    at += match.text.length;
    plainFrom = at;
  }
  if (plainFrom < text.length) pieces.push({ text: text.slice(plainFrom) });
  return pieces;
}
