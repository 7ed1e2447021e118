import { InitialSchema1763900000000 } from './1763900000000-initial-schema';

/** Every migration in order; TypeORM applies the pending ones at start or through `npm run migrate`. */
export const migrations = [InitialSchema1763900000000];
