import type { OfferingDefinition } from '../types';
import { computeSpaceOffering } from './compute-space';

export { COMPUTE_SPACE_OFFERING_KEY } from './compute-space';
import { containerAppOffering } from './container-app';
import { documentSharingOffering } from './document-sharing';
import { postgresqlOffering } from './postgresql';
import { redisOffering } from './redis';
import { websiteCmsOffering } from './website-cms';

/** The catalogue a fresh platform starts with; operators curate it from there. */
export const builtInOfferings: readonly OfferingDefinition[] = [
  computeSpaceOffering,
  postgresqlOffering,
  containerAppOffering,
  redisOffering,
  websiteCmsOffering,
  documentSharingOffering,
];
