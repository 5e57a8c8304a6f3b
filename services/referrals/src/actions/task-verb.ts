// How every verb on one call-back task starts its write: the task, if it is in the caller's queue,
// then the stored answer of a retry (looked up after that check, so a replay goes only to someone
// who may see the task).
import type { Tx } from "@relais/db";
import { writeOnRecord } from "@relais/service-kit";
import type * as schema from "../db/schema.js";
import { type TaskRow, visibleTask } from "../db/task-access.js";
import type { TeamCtx } from "./deps.js";

export function writeOnTask<T>(
  ctx: TeamCtx,
  taskId: string,
  fn: (tx: Tx<typeof schema>, task: TaskRow) => Promise<T>,
): Promise<T> {
  return writeOnRecord(ctx, (tx) => visibleTask(tx, ctx.principal, ctx.scope, taskId), fn);
}
