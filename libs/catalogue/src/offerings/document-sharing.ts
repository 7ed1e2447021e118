import { ApprovalPolicy, OfferingKind, OfferingVisibility } from '@nprod/domain';
import type { OfferingDefinition } from '../types';
import { ADMIN_LOGIN_RU, CUSTOM_DOMAIN_PROPERTY, CUSTOM_DOMAIN_RU } from './schema-fragments';

export const documentSharingOffering: OfferingDefinition = {
  key: 'document-sharing',
  kind: OfferingKind.Saas,
  name: 'Document sharing (Nextcloud)',
  description: 'Share and edit documents inside your organisation and with citizens through links, with the data kept in your region.',
  version: 1,
  template: 'document-sharing',
  plans: [
    { key: 'team', name: 'Team', description: '1 CPU, 2 GiB memory, 100 GiB storage', cpuMillicores: 1000, memoryMiB: 2048, storageGiB: 100, pricePerHourTiyn: 1700 },
    { key: 'department', name: 'Department', description: '2 CPU, 4 GiB memory, 500 GiB storage', cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 500, pricePerHourTiyn: 4000 },
    { key: 'organisation', name: 'Organisation', description: '4 CPU, 8 GiB memory, 2 TiB storage', cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 2048, pricePerHourTiyn: 10100 },
  ],
  parametersSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      adminUser: { type: 'string', title: 'Administrator login', description: '2-50 letters, digits, ., _ or -', pattern: '^[A-Za-z0-9._-]{2,50}$', default: 'admin' },
      uploadLimitMiB: { type: 'integer', title: 'Largest upload (MiB)', minimum: 16, maximum: 16384, default: 512 },
      customDomain: { ...CUSTOM_DOMAIN_PROPERTY },
    },
  },
  approvalPolicy: ApprovalPolicy.OperatorAboveThreshold,
  approvalThreshold: { storageGiB: 500 },
  visibility: OfferingVisibility.PublicBodies,
  translations: {
    ru: {
      name: 'Обмен документами (Nextcloud)',
      description: 'Обменивайтесь документами и редактируйте их внутри организации и с гражданами по ссылкам; данные хранятся в вашем регионе.',
      plans: {
        team: { name: 'Команда', description: '1 CPU, 2 ГиБ памяти, 100 ГиБ хранилища' },
        department: { name: 'Отдел', description: '2 CPU, 4 ГиБ памяти, 500 ГиБ хранилища' },
        organisation: { name: 'Организация', description: '4 CPU, 8 ГиБ памяти, 2 ТиБ хранилища' },
      },
      parameters: {
        adminUser: ADMIN_LOGIN_RU,
        uploadLimitMiB: { title: 'Наибольший загружаемый файл (МиБ)' },
        customDomain: CUSTOM_DOMAIN_RU,
      },
    },
  },
};
