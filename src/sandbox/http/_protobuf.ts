/**
 * Kubernetes protobuf bodies (`application/vnd.kubernetes.protobuf`, which `kubectl create`
 * sends for built-in kinds): the `k8s\0` envelope around a `runtime.Unknown`, whose `raw` bytes
 * are the object's message. Decoded with protobufjs against the upstream `.proto` definitions
 * (vendored; their descriptor is loaded on the first protobuf request) into the JSON form the
 * API server stores. Kinds without a vendored message get a 415 that says to use `kubectl apply`.
 */
import protobuf from "protobufjs";
import type { JsonObject } from "../types.ts";
import { badRequest, unsupportedMediaType } from "./_status.ts";

/** The media type of Kubernetes protobuf. */
export const PROTOBUF = "application/vnd.kubernetes.protobuf";

const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"
const META = "k8s.io.apimachinery.pkg.apis.meta.v1.";

let root: protobuf.Root | undefined;
let loading: Promise<void> | undefined;

/** Loads the vendored descriptor (once). */
export function loadKubernetesProto(): Promise<void> {
  loading ??= import("./vendor/kubernetes/proto.json", { with: { type: "json" } })
    .then((module) => {
      root = protobuf.Root.fromJSON(module.default as protobuf.INamespace);
    });
  return loading;
}

type Message = Record<string, unknown>;

const toNumber = (v: unknown): number => typeof v === "number" ? v : Number(String(v));
const base64 = (v: unknown): string => btoa(String.fromCharCode(...(v as Uint8Array)));
const jsonOf = (v: unknown): unknown => JSON.parse(new TextDecoder().decode(v as Uint8Array));

function rfc3339(m: Message, fractionDigits: number): string | undefined {
  const seconds = toNumber(m.seconds ?? 0), nanos = toNumber(m.nanos ?? 0);
  if (seconds === 0 && nanos === 0) return undefined; // Go's zero time: no timestamp
  const whole = new Date(seconds * 1000).toISOString().slice(0, 19);
  const fraction = String(nanos).padStart(9, "0").slice(0, fractionDigits);
  return `${whole}${fractionDigits > 0 ? `.${fraction}` : ""}Z`;
}

/** Messages whose JSON form is not their fields (kube's custom marshalling). */
const SPECIAL: Readonly<Record<string, (m: Message) => unknown>> = {
  [`${META}Time`]: (m) => rfc3339(m, 0),
  [`${META}MicroTime`]: (m) => rfc3339(m, 6),
  [`${META}Duration`]: (m) => `${toNumber(m.duration ?? 0) / 1e9}s`,
  [`${META}FieldsV1`]: (m) => m.Raw === undefined ? undefined : jsonOf(m.Raw),
  "k8s.io.apimachinery.pkg.api.resource.Quantity": (m) => m.string,
  "k8s.io.apimachinery.pkg.util.intstr.IntOrString": (m) =>
    toNumber(m.type ?? 0) === 1 ? m.strVal ?? "" : toNumber(m.intVal ?? 0),
  "k8s.io.apimachinery.pkg.runtime.RawExtension": (m) =>
    m.raw === undefined || (m.raw as Uint8Array).length === 0 ? undefined : jsonOf(m.raw),
};

/**
 * Go marshals a non-pointer field even when it holds its zero value, which JSON omits; the wire
 * cannot tell those from pointers set to zero, so zeros are dropped except in the pointer
 * fields where zero means something other than "unset".
 */
const MEANINGFUL_ZERO = new Set([
  "replicas",
  "terminationGracePeriodSeconds",
  "activeDeadlineSeconds",
  "backoffLimit",
  "ttlSecondsAfterFinished",
  "automountServiceAccountToken",
  "enableServiceLinks",
  "allowPrivilegeEscalation",
  "PriorityClass.value", // required, and 0 is a valid priority
]);

function scalar(field: protobuf.Field, value: unknown, singular: boolean): unknown {
  if (field.type === "bytes") return base64(value);
  const json = field.type === "string" || field.type === "bool" ? value : toNumber(value);
  const zero = json === "" || json === false || json === 0;
  const meaningful = MEANINGFUL_ZERO.has(field.name) ||
    MEANINGFUL_ZERO.has(`${field.parent?.name}.${field.name}`);
  return zero && singular && !meaningful ? undefined : json;
}

function valueOf(field: protobuf.Field, value: unknown, singular = false): unknown {
  const type = field.resolve().resolvedType;
  return type instanceof protobuf.Type
    ? toJson(type, value as Message)
    : scalar(field, value, singular);
}

function toJson(type: protobuf.Type, message: Message): unknown {
  const special = SPECIAL[type.fullName.slice(1)];
  if (special) return special(message);
  const out: JsonObject = {};
  for (const field of type.fieldsArray) {
    if (!Object.hasOwn(message, field.name)) continue;
    const value = message[field.name];
    let json: unknown;
    if (field.map) {
      const entries = Object.entries(value as Message);
      if (entries.length === 0) continue;
      json = Object.fromEntries(entries.map(([k, v]) => [k, valueOf(field, v)]));
    } else if (field.repeated) {
      if ((value as unknown[]).length === 0) continue;
      json = (value as unknown[]).map((v) => valueOf(field, v));
    } else json = valueOf(field, value, true);
    if (json !== undefined) out[field.name] = json;
  }
  return out;
}

function typeFor(apiVersion: string, kind: string): protobuf.Type | undefined {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "core" : apiVersion.slice(0, slash).split(".")[0];
  const version = apiVersion.slice(slash + 1);
  try {
    return root?.lookupType(`k8s.io.api.${group}.${version}.${kind}`);
  } catch {
    return undefined;
  }
}

/** Decodes a protobuf body into the object's JSON form; 400 if malformed, 415 if unsupported. */
export function decodeProtobuf(bytes: Uint8Array): JsonObject {
  if (!root || bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw badRequest("the protobuf body does not start with the Kubernetes envelope (k8s\\0)");
  }
  let unknown: Message;
  try {
    unknown = root.lookupType("k8s.io.apimachinery.pkg.runtime.Unknown").decode(
      bytes.subarray(4),
    ) as unknown as Message;
  } catch (e) {
    throw badRequest(
      `couldn't decode the protobuf envelope: ${e instanceof Error ? e.message : e}`,
    );
  }
  const typeMeta = (unknown.typeMeta ?? {}) as Message;
  const apiVersion = String(typeMeta.apiVersion ?? ""), kind = String(typeMeta.kind ?? "");
  const type = typeFor(apiVersion, kind);
  if (!type) {
    const what = `${kind || "an unnamed kind"} (${apiVersion || "no apiVersion"})`;
    throw unsupportedMediaType(["application/json", "application/yaml"], PROTOBUF, what);
  }
  try {
    const message = type.decode((unknown.raw ?? new Uint8Array()) as Uint8Array);
    return { apiVersion, kind, ...(toJson(type, message as unknown as Message) as JsonObject) };
  } catch (e) {
    throw badRequest(
      `couldn't decode the ${kind} in protobuf: ${e instanceof Error ? e.message : e}`,
    );
  }
}
