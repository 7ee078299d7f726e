import { deepEqual, equal, notEqual } from "node:assert/strict";
import {
  DEPLOY_ID_ANNOTATION,
  MANAGED_BY_LABEL,
  SERVICE_LABEL,
  withNopeaMetadata,
} from "../../src/plan/mod.ts";

Deno.test("withNopeaMetadata() stamps metadata and leaves the rest of the object shared", () => {
  const spec = { template: { metadata: { labels: { app: "web" } } } };
  const obj = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec };
  const stamped = withNopeaMetadata(obj, {
    service: "web",
    deployId: "01J",
    labels: { team: "a" },
  });
  deepEqual(stamped.metadata, {
    name: "web",
    labels: { team: "a", [MANAGED_BY_LABEL]: "nopea", [SERVICE_LABEL]: "web" },
    annotations: { [DEPLOY_ID_ANNOTATION]: "01J" },
  });
  equal(stamped["spec"], spec);
  deepEqual(spec.template.metadata.labels, { app: "web" });
  notEqual(stamped.metadata, obj.metadata);
  deepEqual(obj.metadata, { name: "web" });
});
