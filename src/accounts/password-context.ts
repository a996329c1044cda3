// What an attacker who knows an account would guess first, for the password policy: the person's
// name and email address, and the name of the programme they work in.
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { programmes } from '../db/schema';
import type { PasswordContext } from './passwords';

export async function loadPasswordContext(
  db: Executor,
  user: { email: string; name: string; programmeId: string | null },
): Promise<PasswordContext> {
  const [programme] = user.programmeId
    ? await db.select({ name: programmes.name }).from(programmes).where(eq(programmes.id, user.programmeId))
    : [];
  return { email: user.email, name: user.name, programmeName: programme?.name };
}
