import { AppException } from '../common/app-exception';

const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;.]{2,}$/;

/** Trimmed and lower-cased, as users' e-mails are stored; BAD_USER_INPUT naming `field` when it is not an address. */
export function normaliseEmail(value: string, field = 'email'): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw AppException.badInput(field, `${field} must be an e-mail address such as name@example.kz, got "${value.slice(0, 100)}".`);
  return email;
}

/** Passwords of local accounts: long enough to resist guessing, short enough to hash cheaply. */
export function checkNewPassword(password: string, field = 'password'): void {
  if (password.length < 12) throw AppException.badInput(field, `${field} must be at least 12 characters long; a few unrelated words make a good one.`);
  if (password.length > 256) throw AppException.badInput(field, `${field} must be at most 256 characters long.`);
}
