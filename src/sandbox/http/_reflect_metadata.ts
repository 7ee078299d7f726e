/** Minimal `Reflect` metadata polyfill that @peculiar/x509 (through tsyringe) needs before it loads. */

type MetadataKey = unknown;
type Target = object;

const store = new WeakMap<Target, Map<string | symbol | undefined, Map<MetadataKey, unknown>>>();

function table(target: Target, property: string | symbol | undefined, create: boolean) {
  let byProperty = store.get(target);
  if (!byProperty && create) store.set(target, byProperty = new Map());
  let entries = byProperty?.get(property);
  if (byProperty && !entries && create) byProperty.set(property, entries = new Map());
  return entries;
}

function ownMetadata(key: MetadataKey, target: Target, property?: string | symbol): unknown {
  return table(target, property, false)?.get(key);
}

function metadata(key: MetadataKey, target: Target, property?: string | symbol): unknown {
  for (let t: Target | null = target; t !== null; t = Object.getPrototypeOf(t)) {
    const entries = table(t, property, false);
    if (entries?.has(key)) return entries.get(key);
  }
  return undefined;
}

function defineMetadata(
  key: MetadataKey,
  value: unknown,
  target: Target,
  property?: string | symbol,
): void {
  table(target, property, true)?.set(key, value);
}

const reflect = Reflect as unknown as Record<string, unknown>;
if (typeof reflect.getMetadata !== "function") {
  Object.assign(reflect, {
    getMetadata: metadata,
    getOwnMetadata: ownMetadata,
    defineMetadata,
    hasMetadata: (key: MetadataKey, target: Target, property?: string | symbol) =>
      metadata(key, target, property) !== undefined,
  });
}
