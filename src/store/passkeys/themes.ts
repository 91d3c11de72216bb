import type { Theme } from '../../domain/passkeys/passkeys.js';
import { notFound } from '../../domain/errors.js';
import type { Executor } from '../engine/connection.js';
import { isForeignKeyViolation, isUniqueViolation } from '../engine/constraint-errors.js';

type ThemeFields = Omit<Theme, 'id' | 'realm_id' | 'tenant_id' | 'create_time' | 'update_time'>;

export class ThemeStore {
  constructor(private readonly db: Executor) {}

  /** Returns false when the realm already has a theme. */
  async insert(theme: Theme): Promise<boolean> {
    const { id, realm_id, tenant_id, create_time, update_time, ...fields } = theme;
    try {
      await this.db
        .insertInto('themes')
        .values({ id, realm_id, tenant_id, create_time, update_time, document: JSON.stringify(fields) })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      if (isForeignKeyViolation(error)) throw notFound('Realm', realm_id);
      throw error;
    }
  }

  async ofRealm(realmId: string): Promise<Theme | undefined> {
    const row = await this.db.selectFrom('themes').selectAll().where('realm_id', '=', realmId).executeTakeFirst();
    if (!row) return undefined;
    const { document, ...rest } = row;
    return { ...rest, ...(JSON.parse(document) as ThemeFields) };
  }

  async update(theme: Theme): Promise<void> {
    const { id, realm_id, tenant_id, create_time, update_time, ...fields } = theme;
    await this.db
      .updateTable('themes')
      .set({ document: JSON.stringify(fields), update_time })
      .where('realm_id', '=', realm_id)
      .where('id', '=', id)
      .execute();
  }
}
