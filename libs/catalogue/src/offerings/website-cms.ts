import { ApprovalPolicy, OfferingKind, OfferingVisibility } from '@nprod/domain';
import type { OfferingDefinition } from '../types';
import { ADMIN_LOGIN_RU, CUSTOM_DOMAIN_PROPERTY, CUSTOM_DOMAIN_RU } from './schema-fragments';

export const websiteCmsOffering: OfferingDefinition = {
  key: 'website-cms',
  kind: OfferingKind.Saas,
  name: 'Website (Joomla CMS)',
  description: 'A ready website with a content management system for news, pages and documents, on HTTPS, installed with your site name and administrator.',
  version: 1,
  template: 'website-cms',
  plans: [
    { key: 'standard', name: 'Standard', description: '1 CPU, 2 GiB memory, 20 GiB storage', cpuMillicores: 1000, memoryMiB: 2048, storageGiB: 20, pricePerHourTiyn: 1540 },
    { key: 'business', name: 'Business', description: '2 CPU, 4 GiB memory, 50 GiB storage', cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 50, pricePerHourTiyn: 3100 },
  ],
  parametersSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['siteName', 'adminEmail'],
    properties: {
      siteName: { type: 'string', title: 'Site name', description: 'Shown in the site header and browser tab.', minLength: 2, maxLength: 100 },
      adminEmail: { type: 'string', title: 'Administrator e-mail', format: 'email', maxLength: 254 },
      adminUsername: { type: 'string', title: 'Administrator login', description: '2-50 letters, digits, ., _ or -', pattern: '^[A-Za-z0-9._-]{2,50}$', default: 'admin' },
      customDomain: { ...CUSTOM_DOMAIN_PROPERTY },
    },
  },
  approvalPolicy: ApprovalPolicy.AutoWithinAllocation,
  visibility: OfferingVisibility.Everyone,
  translations: {
    ru: {
      name: 'Веб-сайт (Joomla CMS)',
      description: 'Готовый сайт с системой управления содержимым для новостей, страниц и документов, на HTTPS, с вашим названием сайта и администратором.',
      plans: {
        standard: { name: 'Стандартный', description: '1 CPU, 2 ГиБ памяти, 20 ГиБ хранилища' },
        business: { name: 'Бизнес', description: '2 CPU, 4 ГиБ памяти, 50 ГиБ хранилища' },
      },
      parameters: {
        siteName: { title: 'Название сайта', description: 'Показывается в шапке сайта и на вкладке браузера.' },
        adminEmail: { title: 'Электронная почта администратора' },
        adminUsername: ADMIN_LOGIN_RU,
        customDomain: CUSTOM_DOMAIN_RU,
      },
    },
  },
};
