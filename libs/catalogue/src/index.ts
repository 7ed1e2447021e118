export * from './types';
export { validateOfferingParameters, validateParametersSchema, type ParametersResult } from './parameters';
export {
  approvalDecision,
  approvalRequired,
  canTenantOrder,
  describeApprovalPolicy,
  effectiveApprovalRule,
  isPublicBody,
  planPricePerHour,
  resolvePlanSize,
  resourcesAboveThreshold,
  type ApprovalOverride,
  type ApprovalRule,
} from './rules';
export { catalogueTemplates, findTemplate, type CatalogueTemplate, type RandomToken, type RenderContext, type SpaceTemplate, type WorkloadTemplate } from './templates';
export { builtInOfferings, COMPUTE_SPACE_OFFERING_KEY } from './offerings';
export {
  generateInstanceCredentials,
  instanceFootprint,
  instancePricePerHour,
  InvalidInstanceRequestError,
  prepareInstanceRequest,
  renderInstanceWorkload,
  workloadFootprint,
  type InstanceRequest,
  type PreparedRequest,
} from './render';
export { offeringTranslations, type OfferingTexts } from './translations';
export { MAX_PLANS, validateOfferingDraft, type OfferingDraft } from './validate-offering';
