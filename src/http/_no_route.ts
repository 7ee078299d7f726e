/** Answers requests no route takes: 405 with `Allow` when the path exists, else 404. */
import type { ErrorBody } from "../shared/mod.ts";
import { excerpt } from "./_excerpt.ts";

/** A method and a hono path pattern (`/api/status/:service`). */
export interface RouteSpec {
  method: string;
  path: string;
}

function patternOf(path: string): RegExp {
  const parts = path.split("/").map((p) =>
    p.startsWith(":") ? "[^/]+" : p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  );
  return new RegExp(`^${parts.join("/")}/?$`);
}

function shown(path: string): string {
  return path.length <= 100 ? path : excerpt(path, 100);
}

function methodShown(method: string): string {
  return /^[A-Za-z]{1,16}$/.test(method) ? method : excerpt(method, 16);
}

/** The JSON answer to a request no route takes; see {@linkcode noRouteAnswer}. */
export interface NoRoute {
  status: 404 | 405;
  body: ErrorBody;
  /** The `Allow` header of a 405. */
  allow?: string;
}

/**
 * Why no route took `method path`: another method serves the path (405, `Allow` lists them; HEAD
 * goes with GET), or nothing does (404, the hint lists the routes).
 *
 * @example
 * ```ts
 * import { noRouteAnswer } from "./_no_route.ts";
 * import { equal } from "node:assert/strict";
 * const routes = [{ method: "POST", path: "/api/deploy" }];
 * equal(noRouteAnswer("PUT", "/api/deploy", routes).allow, "POST");
 * equal(noRouteAnswer("GET", "/api/nope", routes).status, 404);
 * ```
 */
export function noRouteAnswer(method: string, path: string, routes: readonly RouteSpec[]): NoRoute {
  const methods = [
    ...new Set(routes.filter((r) => patternOf(r.path).test(path)).map((r) => r.method)),
  ];
  if (methods.length > 0) {
    const allow = methods.includes("GET") ? [...methods, "HEAD"] : methods;
    return {
      status: 405,
      allow: allow.join(", "),
      body: {
        code: "SPEC_INVALID",
        message: `Method ${methodShown(method)} is not allowed on ${shown(path)}`,
        hint: `Use ${methods.map((m) => `${m} ${shown(path)}`).join(" or ")}`,
      },
    };
  }
  const known = routes.map((r) => `${r.method} ${r.path}`);
  return {
    status: 404,
    body: {
      code: "SPEC_INVALID",
      message: `No route ${methodShown(method)} ${shown(path)}`,
      hint: `Routes: ${known.join(", ")}`,
    },
  };
}
