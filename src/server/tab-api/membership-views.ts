import type { Someone } from '../../app/who-is';
import type { Cohort, PlenaryMeeting } from '../../domain/cohort';
import type { Membership } from '../../domain/identity';
import { addMinutes, toLocal, type Instant } from '../../domain/local-time';
import type { CohortsResponse, MeResponse } from './response-schemas';

function municipalityName(cohort: Cohort | undefined, membership: Membership): string | null {
  return cohort?.municipalities.find((m) => m.id === membership.municipalityId)?.name ?? null;
}

/** The cohort's record of the person is the name they were registered with; the token's is the fallback. */
function nameOf(someone: Someone): string | null {
  for (const { cohortId, personId } of someone.memberships) {
    const cohort = someone.cohorts.find((c) => c.id === cohortId);
    const advisor = cohort?.advisors.find((a) => a.id === personId);
    const participant = cohort?.municipalities.flatMap((m) => m.participants).find((p) => p.id === personId);
    const name = advisor?.name ?? participant?.person?.name;
    if (name) return name;
  }
  return null;
}

export function meView(mode: 'local' | 'tenant', someone: Someone, tokenName: string | null, mayCreateCohorts: boolean): MeResponse {
  return {
    mode,
    name: nameOf(someone) ?? tokenName,
    mayCreateCohorts,
    memberships: someone.memberships.map((m) => {
      const cohort = someone.cohorts.find((c) => c.id === m.cohortId);
      return { cohortId: m.cohortId, cohortName: cohort?.name ?? '', role: m.role, municipalityId: m.municipalityId, municipalityName: municipalityName(cohort, m) };
    }),
  };
}

/** The caller's cohorts, each with the caller's place in it and the next plenary not yet over. */
export function cohortSummaries(someone: Someone, now: Instant): CohortsResponse {
  const today = toLocal(now);
  return {
    cohorts: someone.memberships.flatMap((m) => {
      const cohort = someone.cohorts.find((c) => c.id === m.cohortId);
      if (!cohort) return [];
      const next = cohort.meetings
        .filter((x): x is PlenaryMeeting => x.kind === 'plenary' && !x.cancelled && addMinutes(x.schedule.start, x.schedule.durationMinutes) > today)
        .sort((a, b) => a.schedule.start.localeCompare(b.schedule.start))[0];
      return [
        {
          id: cohort.id,
          name: cohort.name,
          edition: cohort.edition,
          role: m.role,
          municipalityId: m.municipalityId,
          municipalityName: municipalityName(cohort, m),
          nextMeeting: next ? { meetingId: next.id, title: next.title, start: next.schedule.start } : null,
        },
      ];
    }),
  };
}
