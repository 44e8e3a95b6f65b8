import type {
  OrgSummary,
  Task,
  Workbench,
} from "../../../../server/src/modules/workbench/workbench.schemas.ts";
import { get } from "../../shared/api";

export type { OrgSummary, Task, Workbench };

export const getWorkbench = () => get<Workbench>("/workbench");
