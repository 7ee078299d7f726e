/** FALSE Protocol 1.0 occurrence types (external-formats §3) and the OccurrenceSink port. */
import type { DeployRecord, Strategy } from "../deploys/mod.ts";

/** How bad it is. */
export type Severity = "debug" | "info" | "warning" | "error" | "critical";
/** How it ended. */
export type Outcome = "success" | "failure" | "timeout" | "in_progress" | "unknown";

/** A `context.correlation_keys` entry. */
export interface CorrelationKey {
  /** What the value identifies (`deployment`, `namespace`, `deploy_id`). */
  type: string;
  /** The identifying value. */
  value: string;
}

/** A Kubernetes object an occurrence is about. */
export interface Entity {
  /** The object's kind. */
  type: string;
  /** The object's uid, `"unknown"` when absent. */
  id: string;
  /** The object's name. */
  name: string;
  /** The object's namespace, `""` when cluster-scoped. */
  namespace: string;
  /** The object's resourceVersion, `"0"` when absent. */
  version: string;
  /** When the object was seen (ISO 8601). */
  "observed_at": string;
  /** Where the entity was read from. */
  "source_of_truth": "k8s-api";
}

/** The `context` block. */
export interface OccurrenceContext {
  /** The namespace deployed to. */
  namespace?: string;
  /** The cluster, when known. */
  cluster?: string;
  /** Keys that tie related occurrences together. */
  "correlation_keys"?: CorrelationKey[];
  /** The Kubernetes objects concerned. */
  entities?: Entity[];
}

/** The `error` block. */
export interface OccurrenceError {
  /** Machine-readable code (a NopeaError code, or `"unknown"`). */
  code: string;
  /** The error message. */
  message?: string;
  /** What failed, e.g. `deploy of api (canary)`. */
  "what_failed": string;
  /** The consequence for the service. */
  "why_it_matters"?: string;
  /** Likely causes. */
  "possible_causes"?: string[];
  /** What to do about it. */
  "suggested_fix"?: string;
}

/** A failure pattern memory matched. */
export interface PatternMatch {
  /** The error class. */
  "pattern_name": string;
  /** The pattern's confidence, 0..1. */
  confidence: number;
  /** How often the pattern was observed. */
  "times_seen": number;
}

/** The `reasoning` block. */
export interface Reasoning {
  /** One line: the service and the cause. */
  summary: string;
  /** What happened, with memory's recommendations. */
  explanation: string;
  /** 0.8 when memory knew the service, else 0.3. */
  confidence: number;
  /** The failure patterns memory knew before the deploy. */
  "patterns_matched": PatternMatch[];
}

/** One step of the `history` block. */
export interface HistoryStep {
  /** When the step started or ended (ISO 8601). */
  timestamp: string;
  /** `apply`, `verify`, `rollback` or `rollout`. */
  action: string;
  /** The step in words. */
  description: string;
  /** How the step ended. */
  outcome: Outcome;
  /** How long the step took. */
  "duration_ms"?: number;
  /** Why the step failed. */
  error?: OccurrenceError;
}

/** The `history` block. */
export interface History {
  /** The steps, in order. */
  steps: HistoryStep[];
  /** How long the deploy took. */
  "duration_ms": number;
}

/** A FALSE Protocol 1.0 occurrence. */
export interface Occurrence {
  /** ULID. */
  id: string;
  /** When it happened (ISO 8601). */
  timestamp: string;
  /** FALSE Protocol version. */
  "protocol_version": "1.0";
  /** The producing tool (`nopea`). */
  source: string;
  /** Dotted type, e.g. `deploy.run.failed`. */
  type: string;
  /** How bad it is. */
  severity: Severity;
  /** How it ended. */
  outcome: Outcome;
  /** Where it happened and which objects it concerns. */
  context: OccurrenceContext;
  /** Why it failed (failures only). */
  error?: OccurrenceError;
  /** What memory made of it (failures only). */
  reasoning?: Reasoning;
  /** The steps of the deploy. */
  history?: History;
  /** The domain payload. */
  data: Record<string, unknown>;
}

/** nopea's `data` block: the deploy data, plus the full record that memory replays. */
export interface DeployData {
  /** Other fields a producer may add. */
  [field: string]: unknown;
  /** The service deployed. */
  service: string;
  /** The namespace deployed to. */
  namespace: string;
  /** The strategy used. */
  strategy: Strategy;
  /** Why that strategy was chosen. */
  "strategy_reasons": string[];
  /** Objects applied (created, configured or unchanged). */
  "manifests_applied": number;
  /** Whether post-deploy verification passed. */
  verified: boolean;
  /** The deploy's ULID. */
  "deploy_id": string;
  /** The full record, from which memory is rebuilt. */
  record: DeployRecord;
}

/** An occurrence of a deploy (`deploy.run.*`). */
export interface DeployOccurrence extends Occurrence {
  /** The deploy data. */
  data: DeployData;
}

/** Where occurrences go. */
export interface OccurrenceSink {
  /** Appends one occurrence; resolves once it is stored. */
  append(occurrence: Occurrence): Promise<void>;
}
