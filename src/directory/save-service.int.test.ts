import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { schedules, serviceAtLocations, services } from '../db/schema';
import { openTestDatabase, type TestDatabase } from '../../test/support/database';
import { buildService } from '../../test/support/factories';
import { saveServices } from './save-service';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('saving a service', () => {
  it('writes the service with its nested rows and a searchable document', async () => {
    const id = await buildService(database.db, { name: 'Tottenham Befriending Circle' });
    const [row] = await database.db.select().from(services).where(eq(services.id, id));
    expect(row!.searchDocument).toContain('Tottenham Befriending Circle');
    expect(row!.searchDocument).toContain('Befriending'); // the taxonomy term's name
    expect(await database.db.select().from(schedules).where(eq(schedules.serviceId, id))).toHaveLength(5);
    const found = await database.db.execute(
      sql`select id from services where search_vector @@ plainto_tsquery('english', 'befriend')`,
    );
    expect((found as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(id);
  });

  it('replaces nested collections and bumps the version when saved again', async () => {
    const id = await buildService(database.db);
    const [before] = await database.db.select().from(services).where(eq(services.id, id));
    await saveServices(database.db, [
      {
        id,
        organisationId: before!.organisationId,
        name: 'Renamed',
        schedules: [{ byday: 'SA', opensAt: '10:00', closesAt: '12:00' }],
      },
    ]);
    const [after] = await database.db.select().from(services).where(eq(services.id, id));
    expect(after).toMatchObject({ name: 'Renamed', version: before!.version + 1 });
    expect(
      (await database.db.select().from(schedules).where(eq(schedules.serviceId, id))).map((s) => s.byday),
    ).toEqual(['SA']);
    expect(
      await database.db.select().from(serviceAtLocations).where(eq(serviceAtLocations.serviceId, id)),
    ).toHaveLength(0);
  });
});
