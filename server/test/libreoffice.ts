import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Opens an exported file as a person would, in LibreOffice, and prints it to PDF: what the
 * test then reads is the printed pages, so a table that spills past the page width shows as
 * extra pages. Each call has its own LibreOffice profile, so parallel runs do not collide.
 */
export async function printWithLibreOffice(
  bytes: Buffer,
  ext: "xlsx" | "docx",
): Promise<{ pages: number; text: string }> {
  const dir = await mkdtemp(join(tmpdir(), "wanggui-lo-"));
  try {
    const file = join(dir, `export.${ext}`);
    await writeFile(file, bytes);
    await run(
      "soffice",
      [
        `-env:UserInstallation=file://${dir}/profile`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        file,
      ],
      { timeout: 120_000 },
    );
    const pdf = join(dir, "export.pdf");
    await readFile(pdf);
    const info = await run("pdfinfo", [pdf]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? 0);
    const text = (await run("pdftotext", ["-layout", pdf, "-"])).stdout;
    return { pages, text };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
