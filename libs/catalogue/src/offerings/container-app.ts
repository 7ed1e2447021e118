import { ApprovalPolicy, OfferingKind, OfferingVisibility } from '@nprod/domain';
import type { OfferingDefinition } from '../types';
import { CUSTOM_DOMAIN_PROPERTY, CUSTOM_DOMAIN_RU } from './schema-fragments';

export const containerAppOffering: OfferingDefinition = {
  key: 'container-app',
  kind: OfferingKind.Paas,
  name: 'Container app',
  description: 'Run your own container image with as many replicas as you need, published on an HTTPS hostname. The plan sizes each replica.',
  version: 1,
  template: 'container-app',
  plans: [
    { key: 'xs', name: 'XS', description: '0.25 CPU, 256 MiB per replica', cpuMillicores: 250, memoryMiB: 256, storageGiB: 0, pricePerHourTiyn: 312 },
    { key: 's', name: 'S', description: '0.5 CPU, 512 MiB per replica', cpuMillicores: 500, memoryMiB: 512, storageGiB: 0, pricePerHourTiyn: 625 },
    { key: 'm', name: 'M', description: '1 CPU, 1 GiB per replica', cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 0, pricePerHourTiyn: 1250 },
    { key: 'l', name: 'L', description: '2 CPU, 4 GiB per replica', cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 0, pricePerHourTiyn: 3000 },
  ],
  parametersSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['image'],
    properties: {
      image: {
        type: 'string',
        title: 'Image',
        description: 'an image reference such as registry.gov.kz/team/app:1.4.2 (lowercase repository, optional tag or @sha256 digest)',
        minLength: 1,
        maxLength: 255,
        pattern: '^([a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$',
      },
      port: { type: 'integer', title: 'Port', description: 'The port your app listens on.', minimum: 1, maximum: 65535, default: 8080 },
      replicas: { type: 'integer', title: 'Replicas', minimum: 1, maximum: 10, default: 1 },
      env: {
        type: 'object',
        title: 'Environment variables',
        description: 'names of letters, digits and _, not starting with a digit',
        maxProperties: 50,
        propertyNames: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,127}$', description: 'names of letters, digits and _, not starting with a digit' },
        additionalProperties: { type: 'string', maxLength: 4096 },
        default: {},
      },
      public: { type: 'boolean', title: 'Public', description: 'Publish the app on an HTTPS hostname.', default: true },
      customDomain: { ...CUSTOM_DOMAIN_PROPERTY },
      healthPath: { type: 'string', title: 'Health check path', description: 'a path such as /healthz; without it the port is checked', pattern: '^/[-A-Za-z0-9._~/?=&%]*$', maxLength: 200 },
      runAsUser: { type: 'integer', title: 'User id', description: 'The non-root user id your image runs as.', minimum: 1, maximum: 2147483647, default: 10001 },
      readOnlyRootFilesystem: { type: 'boolean', title: 'Read-only root filesystem', description: '/tmp stays writable.', default: true },
    },
  },
  approvalPolicy: ApprovalPolicy.AutoWithinAllocation,
  visibility: OfferingVisibility.Everyone,
  translations: {
    ru: {
      name: 'Контейнерное приложение',
      description: 'Запускайте свой образ контейнера в нужном числе реплик с публикацией на HTTPS-адресе. План задаёт размер каждой реплики.',
      plans: {
        xs: { description: '0,25 CPU, 256 МиБ на реплику' },
        s: { description: '0,5 CPU, 512 МиБ на реплику' },
        m: { description: '1 CPU, 1 ГиБ на реплику' },
        l: { description: '2 CPU, 4 ГиБ на реплику' },
      },
      parameters: {
        image: {
          title: 'Образ',
          description: 'ссылка на образ, например registry.gov.kz/team/app:1.4.2 (репозиторий строчными буквами, необязательный тег или дайджест @sha256)',
        },
        port: { title: 'Порт', description: 'Порт, на котором слушает приложение.' },
        replicas: { title: 'Реплики' },
        env: { title: 'Переменные окружения', description: 'имена из латинских букв, цифр и _, не начиная с цифры' },
        public: { title: 'Публичное', description: 'Опубликовать приложение на HTTPS-адресе.' },
        customDomain: CUSTOM_DOMAIN_RU,
        healthPath: { title: 'Путь проверки работоспособности', description: 'путь, например /healthz; без него проверяется порт' },
        runAsUser: { title: 'Идентификатор пользователя', description: 'Непривилегированный (не root) идентификатор пользователя, от которого работает образ.' },
        readOnlyRootFilesystem: { title: 'Корневая файловая система только для чтения', description: '/tmp остаётся доступным для записи.' },
      },
    },
  },
};
