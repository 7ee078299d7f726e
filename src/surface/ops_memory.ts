/** Operations that read memory: context, explain, history, services. */
import { z } from "zod";
import type { DeployRecord } from "../deploys/mod.ts";
import type { DeployContext, Explanation, ServiceSummary } from "../memory/mod.ts";
import {
  deployStatus,
  loose,
  namespaceName,
  page,
  paginate,
  serviceName,
  strategy,
} from "./_schemas.ts";
import type { Operation } from "./operation.ts";

const contextInput = { service: serviceName, namespace: namespaceName.optional() };
type ContextInput = z.infer<z.ZodObject<typeof contextInput>>;

/** `context`: what memory knows before a deploy. */
export const contextOperation: Operation<ContextInput, DeployContext> = {
  name: "context",
  title: "Deploy context of a service",
  description: "Returns what Nopea remembers about a service before deploying it: whether it is " +
    "known, its recent deploys, learned failure patterns (error class, confidence, times seen, last " +
    "seen, evidence), dependencies and dependents, the strategy memory recommends with reasons, and " +
    "DORA figures. Call it before nopea_deploy to anticipate risk.",
  input: contextInput,
  output: {
    service: z.string(),
    namespace: z.string(),
    known: z.boolean(),
    recentDeploys: z.array(loose({ deployId: z.string(), status: z.string() })),
    failurePatterns: z.array(loose({ errorClass: z.string(), confidence: z.number() })),
    dependencies: z.array(loose({ service: z.string() })),
    dependents: z.array(loose({ service: z.string() })),
    recommendedStrategy: strategy,
    reasons: z.array(z.string()),
    recommendations: z.array(z.string()),
    dora: loose({}),
  },
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: false },
  run: (engine, input) => engine.context(input),
};

/** `explain`: memory in sentences. */
export const explainOperation: Operation<ContextInput, Explanation> = {
  name: "explain",
  title: "Explain a service's record",
  description:
    "Explains in plain sentences what Nopea has learned about a service: how its deploys " +
    "went, which failures recur and how confident memory is, and which strategy the next deploy will " +
    "use and why. Use it to brief a person or to decide whether to deploy.",
  input: contextInput,
  output: {
    service: z.string(),
    known: z.boolean(),
    sentences: z.array(z.string()),
    recommendedStrategy: strategy,
    reasons: z.array(z.string()),
  },
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: false },
  run: (engine, input) => engine.explain(input),
};

const historyInput = {
  service: serviceName,
  status: deployStatus.optional().describe("Only deploys with this status"),
  since: z.string().datetime().optional().describe(
    "Only deploys finished at or after this ISO time",
  ),
  ...page,
};
type HistoryInput = z.infer<z.ZodObject<typeof historyInput>>;

/** `history`: past deploys, newest first, paginated. */
export const historyOperation: Operation<
  HistoryInput,
  { deploys: DeployRecord[]; nextCursor?: string }
> = {
  name: "history",
  title: "Deploy history of a service",
  description:
    "Lists a service's past deploys, newest first: id, status, strategy and why, timing, " +
    "per-resource outcomes and the error class of failures. Paginated: pass nextCursor back as " +
    "cursor for the next page.",
  input: historyInput,
  output: {
    deploys: z.array(loose({ deployId: z.string(), status: z.string() })),
    nextCursor: z.string().optional(),
  },
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: false },
  async run(engine, input) {
    const all = await engine.history({
      service: input.service,
      limit: 10_000,
      ...(input.status ? { status: input.status } : {}),
      ...(input.since ? { since: input.since } : {}),
    });
    const { items, nextCursor } = paginate(all, input.limit, input.cursor);
    return { deploys: items, ...(nextCursor ? { nextCursor } : {}) };
  },
};

/** `services`: every service memory knows, paginated. */
export const servicesOperation: Operation<
  z.infer<z.ZodObject<typeof page>>,
  { services: ServiceSummary[]; nextCursor?: string }
> = {
  name: "services",
  title: "Services Nopea knows",
  description: "Lists the services Nopea has deployed, with their namespaces, number of deploys, " +
    "last deploy, live failure patterns and change failure rate. Paginated.",
  input: page,
  output: { services: z.array(loose({ service: z.string() })), nextCursor: z.string().optional() },
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: false },
  async run(engine, input) {
    const { items, nextCursor } = paginate(await engine.services(), input.limit, input.cursor);
    return { services: items, ...(nextCursor ? { nextCursor } : {}) };
  },
};
