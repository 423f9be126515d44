import { erased } from '../domain/cohort-rules';
import { DomainError } from '../domain/errors';
import { recordOnce } from '../outbox/record-desired';
import { teamChannel } from '../reach/team-channels';
import { announcementObjectKey, destinationTarget, refreshUserIds, TEAMS_MESSAGE_KIND, type TeamsDestination, type TeamsMessageState } from '../reach/teams-message';
import type { CohortStore } from '../store/cohort-store';
import type { Executor } from '../store/schema';
import { plenaryByKey } from './calendar-commands';
import type { Clock } from './clock';
import { loadCohort } from './load-cohort';
import { cohortTeamRoster } from './team-roster';

export interface AnnounceDeps {
  store: CohortStore;
  db: Executor;
  clock: Clock;
}

/**
 * Shares a plenary's RSVP card in the cohort team's General channel, where each member sees and
 * gives their own answer. Once per version of the meeting: after a move it can be announced again.
 */
export async function announceMeeting(deps: AnnounceDeps, cohortId: string, meetingKey: string): Promise<{ recorded: boolean; members: number }> {
  const { cohort } = await loadCohort(deps.store, cohortId);
  if (cohort.erasedAt) throw erased();
  const meeting = plenaryByKey(cohort, meetingKey);
  if (meeting.cancelled) throw new DomainError('meeting_cancelled', { da: 'Mødet er aflyst.', en: 'The meeting is called off.' });
  const roster = await cohortTeamRoster(deps.db, cohort.id);
  if (roster === null) {
    throw new DomainError('no_team_channel', {
      da: 'Gruppeforløbet har intet team: knyt et til med "team ID TEAM-ID".',
      en: 'The cohort has no team: link one with "team ID TEAM-ID".',
    });
  }
  const team = await teamChannel(deps.db, roster.teamId);
  if (team === null) {
    throw new DomainError('no_team_channel', {
      da: 'Botten har endnu ikke hørt fra teamet: installér appen i teamet, og prøv igen.',
      en: 'The bot has not heard from the team yet: install the app in the team and try again.',
    });
  }
  const to: TeamsDestination = { kind: 'channel', team, userIds: refreshUserIds(roster.members.map((m) => m.userId)) };
  const state: TeamsMessageState = { content: { kind: 'announcement', cohortId: cohort.id, meetingId: meeting.id, meetingVersion: meeting.version }, to };
  const recorded = await recordOnce(deps.db, {
    objectKey: announcementObjectKey(cohort.id, meeting.id, meeting.version),
    cohortId: cohort.id,
    kind: TEAMS_MESSAGE_KIND,
    target: destinationTarget(to),
    label: { da: `Opslag i teamets kanal: ${meeting.title.da}`, en: `Post in the team's channel: ${meeting.title.en}` },
    state,
  }, deps.clock.now());
  return { recorded, members: roster.members.length };
}
