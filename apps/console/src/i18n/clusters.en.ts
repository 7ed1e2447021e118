/** Texts of the clusters admin page; spread into en.ts (resources.*, nprod.enums.*). */

export const clustersResourcesEn = {
  clusters: {
    name: 'Cluster |||| Clusters',
    fields: {
      id: 'ID',
      name: 'Name',
      regions: 'Regions',
      apiUrl: 'API server',
      health: 'Health',
      healthReason: 'Health check',
      lastSeenAt: 'Last seen',
      cordoned: 'Cordoned',
      cordonReason: 'Cordon reason',
      spacesCount: 'Spaces',
      capacity: 'Capacity',
      qps: 'API requests per second',
      credentialsSource: 'Credentials',
      credentialsKind: 'Credentials',
      kubeconfig: 'Kubeconfig',
      token: 'Service account token',
      caData: 'CA certificate (base64)',
      capacityCpuMillicores: 'CPU, cores',
      capacityMemoryMiB: 'Memory, GiB',
      capacityStorageGiB: 'Storage, GiB',
      capacityMaxSpaces: 'Max spaces',
      createdAt: 'Registered',
      q: 'Search',
    },
    credentials: {
      kubeconfig: 'Kubeconfig',
      token: 'API address and token',
      SEALED: 'Stored encrypted',
      KUBECONFIG_FILE: "Worker's kubeconfig file",
      IN_CLUSTER: "Worker's service account",
      EMULATOR: 'Built-in emulator',
    },
    helpers: {
      name: 'Lowercase letters, digits and dashes, e.g. kz-almaty-1',
      regions: 'Spaces of tenants homed in these regions may be placed here; type a new region code to open a region',
      kubeconfig: 'Paste the output of kubectl config view --raw --flatten --minify. It is stored encrypted and never shown again.',
      token: 'Stored encrypted and never shown again',
      capacity: 'Leave empty for no limit',
      qps: 'Empty: the worker default',
    },
    actions: {
      cordon: 'Cordon',
      uncordon: 'Uncordon',
      cordon_title: 'Cordon %{name}',
      cordon_intro: 'No new spaces will be placed on %{name}. Spaces already there stay and keep being reconciled. Orders that wait show your reason.',
      reason: 'Reason',
    },
    notifications: {
      registered: 'Cluster registered: the worker connects and checks it',
      cordoned: '%{name} is cordoned',
      uncordoned: '%{name} takes new spaces again',
    },
    capacity: {
      title: 'Reserved by spaces / capacity',
      summary_unlimited: '%{used} reserved, no limit',
    },
    page: {
      create: 'Register cluster',
    },
    empty: 'No clusters registered',
    invite: 'Register a Kubernetes cluster so spaces of its regions can be placed on it.',
  },
};

export const clustersEnumsEn = {
  ClusterHealth: { UNKNOWN: 'Not checked yet', HEALTHY: 'Healthy', UNREACHABLE: 'Unreachable' },
};
