import { ApprovalPolicy, OfferingKind, OfferingVisibility } from '@nprod/domain';
import type { OfferingDefinition } from '../types';

/** Key of the built-in IaaS offering; spaces made before space orders named their offering are of this one. */
export const COMPUTE_SPACE_OFFERING_KEY = 'compute-space';

export const computeSpaceOffering: OfferingDefinition = {
  key: COMPUTE_SPACE_OFFERING_KEY,
  kind: OfferingKind.Iaas,
  name: 'Compute space',
  description: 'A Kubernetes namespace of your own with guaranteed CPU, memory and storage, isolated by network policies. Deploy anything that passes the restricted Pod Security profile.',
  version: 1,
  template: 'compute-space',
  plans: [
    { key: 's', name: 'S', description: '2 CPU, 4 GiB memory, 20 GiB storage', cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20, pricePerHourTiyn: 3040 },
    { key: 'm', name: 'M', description: '4 CPU, 8 GiB memory, 50 GiB storage', cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 50, pricePerHourTiyn: 6100 },
    { key: 'l', name: 'L', description: '8 CPU, 16 GiB memory, 100 GiB storage', cpuMillicores: 8000, memoryMiB: 16384, storageGiB: 100, pricePerHourTiyn: 12200 },
    {
      key: 'custom',
      name: 'Custom',
      description: 'Choose CPU, memory and storage, up to 32 CPU, 64 GiB and 1 TiB',
      cpuMillicores: 32000,
      memoryMiB: 65536,
      storageGiB: 1024,
      pricePerHourTiyn: 0,
      custom: { cpuCoreHourTiyn: 1000, memoryGiBHourTiyn: 250, storageGiBHourTiyn: 2 },
    },
  ],
  parametersSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      cpuMillicores: { type: 'integer', title: 'CPU (millicores)', description: 'Custom size only. 1000 = 1 CPU.', minimum: 100, maximum: 512000, multipleOf: 100 },
      memoryMiB: { type: 'integer', title: 'Memory (MiB)', description: 'Custom size only. 1024 = 1 GiB.', minimum: 128, maximum: 1048576, multipleOf: 128 },
      storageGiB: { type: 'integer', title: 'Storage (GiB)', description: 'Custom size only.', minimum: 1, maximum: 100000 },
    },
  },
  approvalPolicy: ApprovalPolicy.OperatorAboveThreshold,
  approvalThreshold: { cpuMillicores: 16000, memoryMiB: 32768, storageGiB: 500 },
  visibility: OfferingVisibility.Everyone,
  translations: {
    ru: {
      name: 'Вычислительное пространство',
      description:
        'Собственное пространство имён Kubernetes с гарантированными процессором, памятью и хранилищем, изолированное сетевыми политиками. Разворачивайте всё, что проходит профиль безопасности подов restricted.',
      plans: {
        s: { description: '2 CPU, 4 ГиБ памяти, 20 ГиБ хранилища' },
        m: { description: '4 CPU, 8 ГиБ памяти, 50 ГиБ хранилища' },
        l: { description: '8 CPU, 16 ГиБ памяти, 100 ГиБ хранилища' },
        custom: { name: 'Свой размер', description: 'Выберите процессор, память и хранилище: до 32 CPU, 64 ГиБ и 1 ТиБ' },
      },
      parameters: {
        cpuMillicores: { title: 'Процессор (милликоры)', description: 'Только для своего размера. 1000 = 1 CPU.' },
        memoryMiB: { title: 'Память (МиБ)', description: 'Только для своего размера. 1024 = 1 ГиБ.' },
        storageGiB: { title: 'Хранилище (ГиБ)', description: 'Только для своего размера.' },
      },
    },
  },
};
