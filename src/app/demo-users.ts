import type { Role } from '../domain/identity';
import type { CohortStore } from '../store/cohort-store';

export interface DemoUser {
  name: string;
  email: string;
  role: Role;
  cohortId: string;
  cohortName: string;
  municipality: string | null;
}

const ROLE_ORDER: Record<Role, number> = { advisor: 0, leader: 1, participant: 2 };

/**
 * Local mode's sign-in: the people of every stored cohort, to pick one and see the tab as they
 * would. Only served without a tenant, where the server listens on this machine alone.
 */
export async function demoUsers(store: CohortStore): Promise<DemoUser[]> {
  const cohorts = (await store.loadAll()).filter((c) => c.erasedAt === null);
  const users = cohorts.flatMap((cohort) => [
    ...cohort.advisors.map((a): DemoUser => ({ name: a.name, email: a.email, role: 'advisor', cohortId: cohort.id, cohortName: cohort.name, municipality: null })),
    ...cohort.municipalities.flatMap((m) =>
      m.participants.flatMap((p): DemoUser[] =>
        p.person ? [{ name: p.person.name, email: p.person.email, role: p.contact ? 'leader' : 'participant', cohortId: cohort.id, cohortName: cohort.name, municipality: m.name }] : [],
      ),
    ),
  ]);
  return users.sort(
    (a, b) => a.cohortName.localeCompare(b.cohortName, 'da') || a.cohortId.localeCompare(b.cohortId) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name, 'da'),
  );
}
