/** `/sandbox/faults`: read (GET), replace (PUT, JSON array), add (POST, one rule), clear (DELETE). */
import { isNopeaError } from "../../shared/mod.ts";
import { readBody } from "./_body.ts";
import type { FaultInjector } from "./_fault_injector.ts";
import { badRequest, jsonResponse, methodNotAllowed } from "./_status.ts";

function snapshot(faults: FaultInjector, status = 200): Response {
  return jsonResponse({ rules: faults.rules(), stats: faults.stats() }, status);
}

function asBadRequest(e: unknown): unknown {
  return isNopeaError(e) ? badRequest(e.message) : e;
}

/** Serves the fault admin endpoint. */
export async function serveFaults(faults: FaultInjector, req: Request): Promise<Response> {
  switch (req.method) {
    case "GET":
      return snapshot(faults);
    case "DELETE":
      faults.clear();
      return snapshot(faults);
    case "PUT": {
      const body = await readBody(req, "json");
      if (!Array.isArray(body)) throw badRequest("PUT /sandbox/faults takes a JSON array of rules");
      try {
        faults.replace(body);
      } catch (e) {
        throw asBadRequest(e);
      }
      return snapshot(faults);
    }
    case "POST": {
      const body = await readBody(req, "json");
      try {
        faults.add(body as Parameters<FaultInjector["add"]>[0]);
      } catch (e) {
        throw asBadRequest(e);
      }
      return snapshot(faults, 201);
    }
    default:
      throw methodNotAllowed();
  }
}
