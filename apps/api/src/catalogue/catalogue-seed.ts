import { builtInOfferings } from '@nprod/catalogue';
import { OfferingEntity } from '@nprod/database';
import type { DataSource } from 'typeorm';
import { uniqueViolation } from '../common/unique-violation';
import { insertOffering } from './offerings.service';

/**
 * Inserts the built-in offerings that are not in the database yet, each with version 1.
 * Idempotent and safe with several API replicas starting at once; offerings already there
 * (edited or retired by operators) are left exactly as they are.
 */
export async function seedCatalogue(db: DataSource): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const definition of builtInOfferings) {
    if (await db.getRepository(OfferingEntity).existsBy({ key: definition.key })) continue;
    try {
      await db.transaction((manager) => insertOffering(manager, definition, null));
      created.push(definition.key);
    } catch (error) {
      // Another replica seeded it first.
      if (!uniqueViolation(error)) throw error;
    }
  }
  return { created };
}
