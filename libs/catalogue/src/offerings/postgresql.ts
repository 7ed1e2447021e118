import { ApprovalPolicy, OfferingKind, OfferingVisibility } from '@nprod/domain';
import type { OfferingDefinition } from '../types';

const IDENTIFIER = { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,62}$', minLength: 1, maxLength: 63 } as const;

export const postgresqlOffering: OfferingDefinition = {
  key: 'postgresql',
  kind: OfferingKind.Paas,
  name: 'PostgreSQL database',
  description: 'A PostgreSQL server in your space on persistent storage, with a generated password. The connection string is shown once, to the owner.',
  version: 1,
  template: 'postgresql',
  plans: [
    { key: 'small', name: 'Small', description: '0.5 CPU, 1 GiB memory, 10 GiB storage', cpuMillicores: 500, memoryMiB: 1024, storageGiB: 10, pricePerHourTiyn: 770 },
    { key: 'medium', name: 'Medium', description: '1 CPU, 2 GiB memory, 50 GiB storage', cpuMillicores: 1000, memoryMiB: 2048, storageGiB: 50, pricePerHourTiyn: 1600 },
    { key: 'large', name: 'Large', description: '2 CPU, 4 GiB memory, 200 GiB storage', cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 200, pricePerHourTiyn: 3400 },
  ],
  parametersSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      version: { type: 'string', title: 'PostgreSQL version', enum: ['16', '17'], default: '17' },
      databaseName: { ...IDENTIFIER, title: 'Database name', description: 'lowercase letters, digits and _, starting with a letter or _', default: 'app' },
      username: { ...IDENTIFIER, title: 'User name', description: 'lowercase letters, digits and _, starting with a letter or _', default: 'app', not: { enum: ['postgres'] } },
    },
  },
  approvalPolicy: ApprovalPolicy.AutoWithinAllocation,
  visibility: OfferingVisibility.Everyone,
  translations: {
    ru: {
      name: 'База данных PostgreSQL',
      description: 'Сервер PostgreSQL в вашем пространстве на постоянном хранилище, со сгенерированным паролем. Строка подключения показывается один раз, владельцу.',
      plans: {
        small: { name: 'Малый', description: '0,5 CPU, 1 ГиБ памяти, 10 ГиБ хранилища' },
        medium: { name: 'Средний', description: '1 CPU, 2 ГиБ памяти, 50 ГиБ хранилища' },
        large: { name: 'Большой', description: '2 CPU, 4 ГиБ памяти, 200 ГиБ хранилища' },
      },
      parameters: {
        version: { title: 'Версия PostgreSQL' },
        databaseName: { title: 'Имя базы данных', description: 'строчные латинские буквы, цифры и _, начиная с буквы или _' },
        username: { title: 'Имя пользователя', description: 'строчные латинские буквы, цифры и _, начиная с буквы или _' },
      },
    },
  },
};
