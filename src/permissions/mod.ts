/**
 * @module
 * Permissions: the environment variables Nopea reads (a fixed list, read one by one) and clear
 * `PERMISSION_DENIED` errors for a permission Deno refused, naming the permission, the path or
 * host, and the flag to add. An adapter folder: it asks Deno which permissions are granted.
 */
export {
  ENV_FLAG_VALUE,
  ENVIRONMENT_VARIABLES,
  OPTIONAL_VARIABLES,
  readEnvironment,
} from "./environment.ts";
export { limitNodeEnv } from "./node_env.ts";
export {
  asPermissionError,
  hostPortOf,
  isNotCapable,
  permissionError,
  type PermissionKind,
} from "./permission_error.ts";
