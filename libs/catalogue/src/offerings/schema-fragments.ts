/** JSON Schema pieces several offerings share. */

export const CUSTOM_DOMAIN_PROPERTY = {
  type: 'string',
  title: 'Own domain',
  description: 'a hostname such as site.almaty.gov.kz, pointed (CNAME) at the platform hostname',
  format: 'hostname',
  pattern: '^(?=.{4,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
  maxLength: 253,
} as const;

/** CUSTOM_DOMAIN_PROPERTY's texts in Russian. */
export const CUSTOM_DOMAIN_RU = {
  title: 'Собственный домен',
  description: 'имя хоста, например site.almaty.gov.kz, направленное (CNAME) на имя хоста платформы',
} as const;

/** The administrator login parameter's texts in Russian (the website and document sharing share them). */
export const ADMIN_LOGIN_RU = { title: 'Логин администратора', description: '2–50 латинских букв, цифр, ., _ или -' } as const;
