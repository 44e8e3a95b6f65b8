/**
 * What is inside an uploaded file, read from its bytes: the entry names of a ZIP (DOCX is
 * one), and whether an executable or a second file format hides in it. Used by the type
 * sniffer in files.ts; no library, so nothing here runs the content it reads.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * The entry names of a ZIP read from its central directory, or null when it is not a
 * well-formed single ZIP: no end record, a directory outside the file, or bytes after the end
 * record (another file appended). ZIP64 archives are refused: an office file is never one.
 */
export function zipEntryNames(bytes: Buffer): string[] | null {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) return null;
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let end = bytes.length - 22; end >= lowest; end--) {
    if (bytes.readUInt32LE(end) !== EOCD) continue;
    const count = bytes.readUInt16LE(end + 10);
    const size = bytes.readUInt32LE(end + 12);
    const offset = bytes.readUInt32LE(end + 16);
    const comment = bytes.readUInt16LE(end + 20);
    if (end + 22 + comment !== bytes.length || offset + size > end || count === 0xffff) {
      return null;
    }
    const names: string[] = [];
    let at = offset;
    for (let n = 0; n < count; n++) {
      if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) return null;
      const nameLength = bytes.readUInt16LE(at + 28);
      const extra = bytes.readUInt16LE(at + 30);
      const note = bytes.readUInt16LE(at + 32);
      names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8"));
      at += 46 + nameLength + extra + note;
    }
    return names;
  }
  return null;
}

/**
 * True when a Windows (PE) or Linux (ELF) executable header lies anywhere in the bytes: a PE
 * is "MZ" whose header pointer at +0x3C lands on "PE\0\0"; an ELF is 0x7F "ELF" with a valid
 * class and byte order. Checking the pointer, not just "MZ", keeps compressed data from
 * looking like a program by chance.
 */
export function hasExecutable(bytes: Buffer): boolean {
  for (let at = bytes.indexOf("MZ"); at !== -1; at = bytes.indexOf("MZ", at + 1)) {
    if (at + 0x40 > bytes.length) break;
    const pe = at + bytes.readUInt32LE(at + 0x3c);
    if (pe + 4 <= bytes.length && pe > at && bytes.readUInt32LE(pe) === 0x00004550) return true;
  }
  const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
  for (let at = bytes.indexOf(elf); at !== -1; at = bytes.indexOf(elf, at + 1)) {
    const cls = bytes[at + 4];
    const order = bytes[at + 5];
    if ((cls === 1 || cls === 2) && (order === 1 || order === 2)) return true;
  }
  return false;
}

/** A ZIP end record inside a file that is not a ZIP: a PDF or image with an archive behind it. */
export function hasZipInside(bytes: Buffer): boolean {
  return bytes.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}

/** PDF actions that run or carry something: scripts, launching programs, attached files. */
const PDF_ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])/;

export function pdfIsActive(bytes: Buffer): boolean {
  return PDF_ACTIVE.test(bytes.toString("latin1"));
}

/** Names an office file never holds: programs, scripts, macros, paths out of the archive. */
const OFFICE_FORBIDDEN =
  /(^\/|(^|\/)\.\.\/|\.(exe|dll|com|scr|bat|cmd|ps1|vbs|js|jar|msi|bin|sh)$)/i;

/** A real DOCX: the package's content-types part and the main document, and nothing active. */
export function isDocx(names: string[]): boolean {
  return (
    names.includes("[Content_Types].xml") &&
    names.includes("word/document.xml") &&
    !names.some((n) => OFFICE_FORBIDDEN.test(n))
  );
}
