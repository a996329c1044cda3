// Demo data: filled in by the demo-data work. Returns the logins to print at start.
import type { Database } from '../db/client';

export type DemoLogin = { role: string; email: string; password: string; note?: string };

export function seedDemoData(_db: Database): Promise<DemoLogin[]> {
  return Promise.resolve([]);
}
