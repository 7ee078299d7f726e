/** FALSE Protocol 1.0 occurrence types (external-formats §3) and the OccurrenceSink port. */
import type { DeployRecord, Strategy } from "../memory/mod.ts";

/** How bad it is. */
export type Severity = "debug" | "info" | "warning" | "error" | "critical";
/** How it ended. */
export type Outcome = "success" | "failure" | "timeout" | "in_progress" | "unknown";

/** A `context.correlation_keys` entry. */
export interface CorrelationKey {
  type: string;
  value: string;
}

/** A Kubernetes object an occurrence is about. */
export interface Entity {
  type: string;
  id: string;
  name: string;
  namespace: string;
  version: string;
  "observed_at": string;
  "source_of_truth": "k8s-api";
}

/** The `context` block. */
export interface OccurrenceContext {
  namespace?: string;
  cluster?: string;
  "correlation_keys"?: CorrelationKey[];
  entities?: Entity[];
}

/** The `error` block. */
export interface OccurrenceError {
  code: string;
  message?: string;
  "what_failed": string;
  "why_it_matters"?: string;
  "possible_causes"?: string[];
  "suggested_fix"?: string;
}

/** A failure pattern memory matched. */
export interface PatternMatch {
  "pattern_name": string;
  confidence: number;
  "times_seen": number;
}

/** The `reasoning` block. */
export interface Reasoning {
  summary: string;
  explanation: string;
  confidence: number;
  "patterns_matched": PatternMatch[];
}

/** One step of the `history` block. */
export interface HistoryStep {
  timestamp: string;
  action: string;
  description: string;
  outcome: Outcome;
  "duration_ms"?: number;
  error?: OccurrenceError;
}

/** The `history` block. */
export interface History {
  steps: HistoryStep[];
  "duration_ms": number;
}

/** A FALSE Protocol 1.0 occurrence. */
export interface Occurrence {
  /** ULID. */
  id: string;
  timestamp: string;
  "protocol_version": "1.0";
  source: string;
  type: string;
  severity: Severity;
  outcome: Outcome;
  context: OccurrenceContext;
  error?: OccurrenceError;
  reasoning?: Reasoning;
  history?: History;
  data: Record<string, unknown>;
}

/** nopea's `data` block: the deploy data, plus the full record that memory replays. */
export interface DeployData {
  [field: string]: unknown;
  service: string;
  namespace: string;
  strategy: Strategy;
  "strategy_reasons": string[];
  "manifests_applied": number;
  verified: boolean;
  "deploy_id": string;
  record: DeployRecord;
}

/** An occurrence of a deploy (`deploy.run.*`). */
export interface DeployOccurrence extends Occurrence {
  data: DeployData;
}

/** Where occurrences go. */
export interface OccurrenceSink {
  /** Appends one occurrence; resolves once it is stored. */
  append(occurrence: Occurrence): Promise<void>;
}
