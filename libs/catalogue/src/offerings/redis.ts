import { ApprovalPolicy, OfferingKind, OfferingVisibility } from '@nprod/domain';
import type { OfferingDefinition } from '../types';

export const redisOffering: OfferingDefinition = {
  key: 'redis',
  kind: OfferingKind.Paas,
  name: 'Redis cache',
  description: 'A password-protected, Redis-compatible in-memory cache (Valkey) in your space. Optionally persistent.',
  version: 1,
  template: 'redis',
  plans: [
    { key: 'small', name: 'Small', description: '0.25 CPU, 512 MiB', cpuMillicores: 250, memoryMiB: 512, storageGiB: 1, pricePerHourTiyn: 377 },
    { key: 'medium', name: 'Medium', description: '0.5 CPU, 1 GiB', cpuMillicores: 500, memoryMiB: 1024, storageGiB: 2, pricePerHourTiyn: 754 },
    { key: 'large', name: 'Large', description: '1 CPU, 4 GiB', cpuMillicores: 1000, memoryMiB: 4096, storageGiB: 5, pricePerHourTiyn: 2010 },
  ],
  parametersSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      maxmemoryPolicy: {
        type: 'string',
        title: 'Eviction policy',
        description: 'What the cache drops when memory is full.',
        enum: ['allkeys-lru', 'allkeys-lfu', 'volatile-lru', 'volatile-ttl', 'noeviction'],
        default: 'allkeys-lru',
      },
      persistence: { type: 'boolean', title: 'Persistent', description: 'Keep data across restarts (append-only file on storage).', default: false },
    },
  },
  approvalPolicy: ApprovalPolicy.AutoWithinAllocation,
  visibility: OfferingVisibility.Everyone,
  translations: {
    ru: {
      name: 'Кэш Redis',
      description: 'Защищённый паролем Redis-совместимый кэш в памяти (Valkey) в вашем пространстве. По выбору — с сохранением данных.',
      plans: {
        small: { name: 'Малый', description: '0,25 CPU, 512 МиБ' },
        medium: { name: 'Средний', description: '0,5 CPU, 1 ГиБ' },
        large: { name: 'Большой', description: '1 CPU, 4 ГиБ' },
      },
      parameters: {
        maxmemoryPolicy: { title: 'Политика вытеснения', description: 'Что кэш удаляет, когда память заполнена.' },
        persistence: { title: 'Сохранять данные', description: 'Сохранять данные между перезапусками (журнал append-only на хранилище).' },
      },
    },
  },
};
