import type { clustersEnumsEn, clustersResourcesEn } from './clusters.en';

type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

export const clustersResourcesRu: SameKeys<typeof clustersResourcesEn> = {
  clusters: {
    name: 'Кластер |||| Кластеры',
    fields: {
      id: 'ID',
      name: 'Название',
      regions: 'Регионы',
      apiUrl: 'API-сервер',
      health: 'Состояние',
      healthReason: 'Проверка состояния',
      lastSeenAt: 'Последний ответ',
      cordoned: 'Закрыт для новых',
      cordonReason: 'Причина закрытия',
      spacesCount: 'Пространства',
      capacity: 'Ёмкость',
      qps: 'Запросов к API в секунду',
      credentialsSource: 'Учётные данные',
      credentialsKind: 'Учётные данные',
      kubeconfig: 'Kubeconfig',
      token: 'Токен сервисного аккаунта',
      caData: 'Сертификат CA (base64)',
      capacityCpuMillicores: 'CPU, ядер',
      capacityMemoryMiB: 'Память, ГиБ',
      capacityStorageGiB: 'Диск, ГиБ',
      capacityMaxSpaces: 'Максимум пространств',
      createdAt: 'Зарегистрирован',
      q: 'Поиск',
    },
    health_reasons: {
      TIMEOUT: 'API-сервер не ответил вовремя.',
      CONNECTION_REFUSED: 'API-сервер отказал в подключении.',
      HOST_NOT_FOUND: 'Имя хоста API-сервера не разрешается.',
      CONNECTION_FAILED: 'Не удалось подключиться к API-серверу.',
      TLS_CERTIFICATE_NOT_TRUSTED: 'TLS: сертификат API-сервера не заверен доверенным центром из учётных данных кластера.',
      TLS_CERTIFICATE_NAME_MISMATCH: 'TLS: в сертификате API-сервера нет адреса из учётных данных.',
      TLS_CERTIFICATE_EXPIRED: 'TLS: срок действия сертификата API-сервера истёк или ещё не начался.',
      CREDENTIALS_REJECTED: 'API-сервер отклонил учётные данные кластера.',
      CREDENTIALS_UNUSABLE: 'Исполнитель не может открыть сохранённые учётные данные.',
    },
    credentials: {
      kubeconfig: 'Kubeconfig',
      token: 'Адрес API и токен',
      SEALED: 'Хранятся зашифрованными',
      KUBECONFIG_FILE: 'Файл kubeconfig исполнителя',
      IN_CLUSTER: 'Сервисный аккаунт исполнителя',
      EMULATOR: 'Встроенный эмулятор',
    },
    helpers: {
      name: 'Строчные латинские буквы, цифры и дефисы, например kz-almaty-1',
      regions: 'Здесь можно размещать пространства организаций из этих регионов; чтобы открыть новый регион, введите его код',
      kubeconfig: 'Вставьте вывод kubectl config view --raw --flatten --minify. Он хранится зашифрованным и больше не показывается.',
      token: 'Хранится зашифрованным и больше не показывается',
      capacity: 'Пусто — без ограничения',
      qps: 'Пусто — по умолчанию исполнителя',
    },
    actions: {
      cordon: 'Закрыть',
      uncordon: 'Открыть',
      cordon_title: 'Закрыть %{name} для новых пространств',
      cordon_intro: 'Новые пространства не будут размещаться на %{name}. Уже размещённые остаются и продолжают сверяться. Ожидающие заказы покажут вашу причину.',
      reason: 'Причина',
    },
    notifications: {
      registered: 'Кластер зарегистрирован: исполнитель подключается и проверяет его',
      updated: 'Кластер сохранён',
      cordoned: '%{name} закрыт для новых пространств',
      uncordoned: '%{name} снова принимает новые пространства',
    },
    capacity: {
      title: 'Занято пространствами / ёмкость',
      summary_unlimited: 'занято %{used}, без ограничения',
    },
    page: {
      create: 'Регистрация кластера',
    },
    empty: 'Кластеры не зарегистрированы',
    invite: 'Зарегистрируйте кластер Kubernetes, чтобы размещать на нём пространства его регионов.',
  },
};

export const clustersEnumsRu: SameKeys<typeof clustersEnumsEn> = {
  ClusterHealth: { UNKNOWN: 'Ещё не проверен', HEALTHY: 'Исправен', UNREACHABLE: 'Недоступен' },
};
