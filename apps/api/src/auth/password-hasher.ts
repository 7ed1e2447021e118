import { hash, verify } from '@node-rs/argon2';

/** Argon2id (the package default algorithm) with OWASP's minimum memory cost: about 13 ms a verification on this hardware. */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
