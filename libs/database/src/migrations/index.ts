import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { AddAuditEvents1795446998466 } from './1795446998466-add-audit-events';

/** Every migration in order; `npm run migrate` (or the Helm hook) applies the pending ones. */
export const migrations = [InitialSchema1763900000000, AddAuditEvents1795446998466];
