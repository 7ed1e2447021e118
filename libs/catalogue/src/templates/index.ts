import type { TemplateKey } from '../types';
import { computeSpaceTemplate } from './compute-space';
import { containerAppTemplate } from './container-app';
import { documentSharingTemplate } from './document-sharing';
import { postgresqlTemplate } from './postgresql';
import { redisTemplate } from './redis';
import type { CatalogueTemplate } from './template';
import { websiteCmsTemplate } from './website-cms';

export const catalogueTemplates: Readonly<Record<TemplateKey, CatalogueTemplate>> = {
  'compute-space': computeSpaceTemplate,
  postgresql: postgresqlTemplate,
  'container-app': containerAppTemplate,
  redis: redisTemplate,
  'website-cms': websiteCmsTemplate,
  'document-sharing': documentSharingTemplate,
};

/** The template of an offering version, or undefined for an unknown key. */
export function findTemplate(key: string): CatalogueTemplate | undefined {
  return Object.hasOwn(catalogueTemplates, key) ? catalogueTemplates[key as TemplateKey] : undefined;
}

export type { CatalogueTemplate, RandomToken, RenderContext, SpaceTemplate, WorkloadTemplate } from './template';
