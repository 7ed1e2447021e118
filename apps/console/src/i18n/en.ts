import englishMessages from 'ra-language-english';

/** NPROD's own texts; the Russian file must have exactly the same keys (checked by the type). */
export const nprodEn = {
  resources: {
    tenants: {
      name: 'Tenant |||| Tenants',
      fields: {
        id: 'ID',
        name: 'Name',
        slug: 'Slug',
        kind: 'Kind',
        status: 'Status',
        registryNumber: 'Registry number (BIN/IIN)',
        region: 'Region',
        parentId: 'Parent tenant',
        spacesCount: 'Spaces',
        createdAt: 'Created',
        q: 'Search',
        cpuCores: 'CPU, cores',
        memoryGiB: 'Memory, GiB',
        storageGiB: 'Storage, GiB',
        maxSpaces: 'Max spaces',
      },
      helpers: {
        slug: '3–30 lowercase Latin letters, digits and single hyphens; starts with a letter, ends with a letter or digit',
        registryNumber: '12 digits; BIN for organisations, IIN for individuals',
      },
      sections: {
        details: 'Details',
        allocation: 'Allocation',
        spaces: 'Spaces',
      },
      actions: {
        create_space: 'Create space',
      },
      allocation: {
        none: 'No capacity has been allocated to this tenant yet.',
        cpu: 'CPU',
        memory: 'Memory',
        storage: 'Storage',
        spaces: 'Spaces',
        region: 'Region: %{region}',
        usage: '%{used} of %{allocated}',
      },
      notifications: {
        created: 'Tenant created',
      },
      empty_spaces: 'This tenant has no spaces yet.',
      page: {
        create: 'Create tenant',
      },
      empty: 'No tenants yet',
      invite: 'Onboard the first public body or customer.',
    },
    spaces: {
      name: 'Space |||| Spaces',
      fields: {
        id: 'ID',
        tenantId: 'Tenant',
        name: 'Name',
        slug: 'Slug',
        namespace: 'Namespace',
        status: 'Status',
        statusReason: 'Reason',
        cpuMillicores: 'CPU',
        memoryMiB: 'Memory',
        storageGiB: 'Storage',
        clusterName: 'Cluster',
        createdAt: 'Created',
        updatedAt: 'Updated',
        q: 'Search',
        cpuCores: 'CPU, cores',
        memoryGiB: 'Memory, GiB',
        storageGiBInput: 'Storage, GiB',
      },
      helpers: {
        slug: '3–30 lowercase Latin letters, digits and single hyphens; starts with a letter, ends with a letter or digit',
      },
      notifications: {
        created: 'Space created: provisioning has started',
      },
      messages: {
        provisioning: 'The space is being provisioned. This page updates by itself.',
        decommissioning: 'The space is being removed. This page updates by itself.',
        failed: 'Provisioning failed',
        no_reason: 'No reason was reported.',
      },
      page: {
        create: 'Create space',
      },
      empty: 'No spaces yet',
      invite: 'Order a space for a tenant: it becomes a Kubernetes namespace with its own quota.',
    },
  },
  nprod: {
    app: {
      title: 'NPROD cloud console',
    },
    auth: {
      login_title: 'Sign in to NPROD',
      login_field: 'Email or registry number',
      password: 'Password',
      sign_in: 'Sign in',
      session_expired: 'Your session has expired. Please sign in again.',
      failed: 'Sign-in failed',
      wrong_credentials: 'Wrong login or password. Check the email or registry number and the password, then try again.',
    },
    sandbox: {
      banner: 'Sandbox cluster: objects go to the built-in Kubernetes emulator, not a real cluster',
    },
    dashboard: {
      welcome: 'Welcome, %{name}',
      role: 'Role: %{role}',
      no_role: 'You have no role on the platform or in any tenant yet.',
      membership: '%{role} in %{tenant}',
      tenants: 'Tenants',
      spaces: 'Spaces',
      spaces_by_status: 'Spaces by status',
      total: 'Total: %{count}',
      version: 'Platform version %{version}',
    },
    enums: {
      TenantKind: { AGENCY: 'Agency', MUNICIPALITY: 'Municipality', BUSINESS: 'Business', INDIVIDUAL: 'Individual' },
      TenantStatus: { PENDING: 'Pending', ACTIVE: 'Active', SUSPENDED: 'Suspended' },
      SpaceStatus: {
        PROVISIONING: 'Provisioning',
        ACTIVE: 'Active',
        FAILED: 'Failed',
        DECOMMISSIONING: 'Decommissioning',
        DELETED: 'Deleted',
      },
      PlatformRole: { OPERATOR: 'Platform operator', AUDITOR: 'Auditor' },
      TenantRole: { OWNER: 'Owner', ADMIN: 'Administrator', MEMBER: 'Member', VIEWER: 'Viewer' },
    },
    regions: {
      almaty: 'Almaty',
      astana: 'Astana',
      shymkent: 'Shymkent',
    },
    units: {
      cores: '%{value} vCPU',
      MiB: '%{value} MiB',
      GiB: '%{value} GiB',
      TiB: '%{value} TiB',
    },
    validation: {
      slug: 'Use 3–30 lowercase Latin letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
      positive: 'Must be a positive number',
      positive_integer: 'Must be a positive whole number',
      registry_number: 'Must be a valid 12-digit BIN (organisations) or IIN (individuals)',
      parent_required: 'A municipality belongs to a regional agency: choose its parent tenant',
      parent_not_allowed: 'Businesses and individuals have no parent tenant: leave this empty',
    },
    errors: {
      network: 'The server cannot be reached. Check your connection and try again.',
      quota_exceeded: "This does not fit in the tenant's allocation. Choose a smaller size, free capacity, or ask for a quota increase.",
      quota_shortfall: 'Only %{free} free: %{inUse} of %{allocated} allocated is in use',
      quota_spaces: 'The allocation allows %{allocated} spaces and all of them are in use',
      slug_taken: 'This slug is already taken; choose a different one',
      registry_number_taken: 'A tenant with this registry number already exists; look it up instead of creating it again',
    },
  },
};

export type NprodMessages = typeof nprodEn;

export const englishAll = { ...englishMessages, ...nprodEn };
