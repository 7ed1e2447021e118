import russianMessages from 'ra-language-russian';
import type { NprodMessages } from './en';

type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

export const nprodRu: SameKeys<NprodMessages> = {
  resources: {
    tenants: {
      name: 'Арендатор |||| Арендаторы',
      fields: {
        id: 'ID',
        name: 'Название',
        slug: 'Краткое имя',
        kind: 'Тип',
        status: 'Статус',
        registryNumber: 'Регистрационный номер (БИН/ИИН)',
        region: 'Регион',
        parentId: 'Вышестоящий арендатор',
        spacesCount: 'Пространства',
        createdAt: 'Создан',
        q: 'Поиск',
        cpuCores: 'CPU, ядер',
        memoryGiB: 'Память, ГиБ',
        storageGiB: 'Хранилище, ГиБ',
        maxSpaces: 'Макс. пространств',
      },
      helpers: {
        slug: '3–30 символов: строчные латинские буквы, цифры и одиночные дефисы; начинается с буквы, заканчивается буквой или цифрой',
        registryNumber: '12 цифр: БИН для организаций, ИИН для физических лиц',
      },
      sections: {
        details: 'Сведения',
        allocation: 'Выделенные ресурсы',
        spaces: 'Пространства',
      },
      actions: {
        create_space: 'Создать пространство',
      },
      allocation: {
        none: 'Этому арендатору ещё не выделены ресурсы.',
        cpu: 'CPU',
        memory: 'Память',
        storage: 'Хранилище',
        spaces: 'Пространства',
        region: 'Регион: %{region}',
        usage: '%{used} из %{allocated}',
      },
      notifications: {
        created: 'Арендатор создан',
      },
      empty_spaces: 'У этого арендатора пока нет пространств.',
      page: {
        create: 'Новый арендатор',
      },
      empty: 'Арендаторов пока нет',
      invite: 'Подключите первое ведомство или клиента.',
    },
    spaces: {
      name: 'Пространство |||| Пространства',
      fields: {
        id: 'ID',
        tenantId: 'Арендатор',
        name: 'Название',
        slug: 'Краткое имя',
        namespace: 'Пространство имён',
        status: 'Статус',
        statusReason: 'Причина',
        cpuMillicores: 'CPU',
        memoryMiB: 'Память',
        storageGiB: 'Хранилище',
        clusterName: 'Кластер',
        createdAt: 'Создано',
        updatedAt: 'Обновлено',
        q: 'Поиск',
        cpuCores: 'CPU, ядер',
        memoryGiB: 'Память, ГиБ',
        storageGiBInput: 'Хранилище, ГиБ',
      },
      helpers: {
        slug: '3–30 символов: строчные латинские буквы, цифры и одиночные дефисы; начинается с буквы, заканчивается буквой или цифрой',
      },
      notifications: {
        created: 'Пространство создано, идёт подготовка',
      },
      messages: {
        provisioning: 'Пространство создаётся. Страница обновляется сама.',
        decommissioning: 'Пространство удаляется. Страница обновляется сама.',
        failed: 'Не удалось создать пространство',
        no_reason: 'Причина не указана.',
      },
      page: {
        create: 'Новое пространство',
      },
      empty: 'Пространств пока нет',
      invite: 'Закажите пространство для арендатора: оно станет пространством имён Kubernetes со своей квотой.',
    },
  },
  nprod: {
    app: {
      title: 'Консоль облака NPROD',
    },
    auth: {
      login_title: 'Вход в NPROD',
      login_field: 'Email или регистрационный номер',
      password: 'Пароль',
      sign_in: 'Войти',
      session_expired: 'Сеанс истёк. Войдите снова.',
      failed: 'Не удалось войти',
      wrong_credentials: 'Неверный логин или пароль. Проверьте email или регистрационный номер и пароль и попробуйте снова.',
    },
    sandbox: {
      banner: 'Тестовый кластер: объекты создаются во встроенном эмуляторе Kubernetes, а не в настоящем кластере',
    },
    dashboard: {
      welcome: 'Добро пожаловать, %{name}',
      role: 'Роль: %{role}',
      no_role: 'У вас пока нет роли ни на платформе, ни у арендаторов.',
      membership: '%{role} в «%{tenant}»',
      tenants: 'Арендаторы',
      spaces: 'Пространства',
      spaces_by_status: 'Пространства по статусам',
      total: 'Всего: %{count}',
      version: 'Версия платформы %{version}',
    },
    enums: {
      TenantKind: { AGENCY: 'Ведомство', MUNICIPALITY: 'Местный орган', BUSINESS: 'Организация', INDIVIDUAL: 'Физическое лицо' },
      TenantStatus: { PENDING: 'Ожидает', ACTIVE: 'Активен', SUSPENDED: 'Приостановлен' },
      SpaceStatus: {
        PROVISIONING: 'Создаётся',
        ACTIVE: 'Активно',
        FAILED: 'Ошибка',
        DECOMMISSIONING: 'Удаляется',
        DELETED: 'Удалено',
      },
      PlatformRole: { OPERATOR: 'Оператор платформы', AUDITOR: 'Аудитор' },
      TenantRole: { OWNER: 'Владелец', ADMIN: 'Администратор', MEMBER: 'Участник', VIEWER: 'Наблюдатель' },
    },
    regions: {
      almaty: 'Алматы',
      astana: 'Астана',
      shymkent: 'Шымкент',
    },
    units: {
      cores: '%{value} vCPU',
      MiB: '%{value} МиБ',
      GiB: '%{value} ГиБ',
      TiB: '%{value} ТиБ',
    },
    validation: {
      slug: 'Нужно 3–30 строчных латинских букв, цифр и одиночных дефисов: первая — буква, последний символ — не дефис',
      positive: 'Должно быть положительным числом',
      positive_integer: 'Должно быть целым положительным числом',
      registry_number: 'Нужен действительный 12-значный БИН (организации) или ИИН (физические лица)',
      parent_required: 'Местный орган подчиняется региональному ведомству: выберите вышестоящего арендатора',
      parent_not_allowed: 'У организаций и физических лиц нет вышестоящего арендатора: оставьте поле пустым',
    },
    errors: {
      network: 'Сервер недоступен. Проверьте подключение и повторите попытку.',
      quota_exceeded: 'Не помещается в ресурсы, выделенные арендатору. Уменьшите размер, освободите ресурсы или запросите увеличение квоты.',
      quota_shortfall: 'Свободно только %{free}: занято %{inUse} из %{allocated}',
      quota_spaces: 'Квота допускает пространств: %{allocated}, и все они заняты',
      slug_taken: 'Это краткое имя уже занято — выберите другое',
      registry_number_taken: 'Арендатор с таким регистрационным номером уже есть — найдите его вместо создания нового',
    },
  },
};

export const russianAll = { ...russianMessages, ...nprodRu };
