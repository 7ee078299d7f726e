/**
 * @module
 * Deploy planning: turns validated manifests into an ordered, labelled apply
 * plan (namespace defaulting, Nopea's labels and annotation, DESIGN §2.2 apply
 * groups), and derives what memory records about a manifest set (images,
 * Services it depends on). Pure code: discovery comes in as a function, and
 * nothing here applies anything.
 */
export { APPLY_GROUPS, type ApplyGroupName, applyGroupOf } from "./apply_order.ts";
export {
  DEPLOY_ID_ANNOTATION,
  MANAGED_BY_LABEL,
  type NopeaStamp,
  SERVICE_LABEL,
  withNopeaMetadata,
} from "./metadata.ts";
export {
  type DeployPlan,
  planDeploy,
  type PlanGroup,
  type PlannedObject,
  type PlanOptions,
} from "./plan_deploy.ts";
export { type DependsOnOptions, dependsOnServices, type KnownService } from "./depends_on.ts";
export { imagesOf } from "./images.ts";
export {
  APPLYSET_ID,
  APPLYSET_PART_OF,
  applySetId,
  applySetParent,
  applySetParentName,
} from "./applyset.ts";
