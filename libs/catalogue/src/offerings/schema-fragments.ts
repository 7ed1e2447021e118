/** JSON Schema pieces several offerings share. */

export const CUSTOM_DOMAIN_PROPERTY = {
  type: 'string',
  title: 'Own domain',
  description: 'a hostname such as site.almaty.gov.kz, pointed (CNAME) at the platform hostname',
  format: 'hostname',
  pattern: '^(?=.{4,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
  maxLength: 253,
} as const;
