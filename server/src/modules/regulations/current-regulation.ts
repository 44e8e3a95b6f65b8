import type { Queryable } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";

const TITLE = "中国共产党党员网络行为规定";

/**
 * The stored document of 《中国共产党党员网络行为规定》, which self-review checklists quote.
 * Found by title because its id depends on the order regulations were imported.
 */
export async function onlineConductRegulationId(db: Queryable): Promise<number> {
  const result = await db.query<{ id: number }>(
    "SELECT id FROM regulation_documents WHERE title = $1 ORDER BY id LIMIT 1",
    [TITLE],
  );
  const id = result.rows[0]?.id;
  if (id === undefined) {
    throw new NotFound({ "zh-CN": `《${TITLE}》`, "en-US": "The online conduct regulation" });
  }
  return id;
}
