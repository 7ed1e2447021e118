export * from './types';
export { validateOfferingParameters, validateParametersSchema, type ParametersResult } from './parameters';
export { approvalRequired, canTenantOrder, isPublicBody, planPricePerHour, resolvePlanSize } from './rules';
export { catalogueTemplates, findTemplate, type CatalogueTemplate, type RandomToken, type RenderContext, type SpaceTemplate, type WorkloadTemplate } from './templates';
export { builtInOfferings } from './offerings';
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
export { MAX_PLANS, validateOfferingDraft, type OfferingDraft } from './validate-offering';
