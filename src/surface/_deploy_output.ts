/** The output schema of every operation that returns a deploy result. */
import { z } from "zod";
import { deployStatus, loose, strategy } from "./_schemas.ts";

/** The deploy result shape (MCP outputSchema). */
export const deployResultOutput = {
  deployId: z.string(),
  service: z.string(),
  namespace: z.string(),
  strategy,
  strategyReasons: z.array(z.string()),
  status: deployStatus,
  dryRun: z.boolean(),
  resources: z.array(loose({ key: z.string(), action: z.string() })),
  verified: z.boolean(),
  drift: z.array(loose({ resource: z.string(), path: z.string() })),
  startedAt: z.string(),
  durationMs: z.number(),
  error: loose({ code: z.string(), message: z.string() }).optional(),
  warnings: z.array(z.string()),
};
