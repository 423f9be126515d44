import type { Migration, MigrationProvider } from 'kysely';
import { cohortsMigration } from './0001-cohorts';
import { outboxMigration } from './0002-outbox';
import { bookingMigration } from './0003-booking';
import { remoteDetailsMigration } from './0004-remote-details';
import { unconfirmedCreatesMigration } from './0005-unconfirmed-creates';
import { linksMigration } from './0006-links';
import { cohortTeamsMigration } from './0007-cohort-teams';
import { teamsConversationsMigration } from './0008-teams-conversations';
import { teamChannelsMigration } from './0009-team-channels';
import { slotBookingsMigration } from './0010-slot-bookings';
import { busyTimesMigration } from './0011-busy-times';

/**
 * Every migration, in order, listed in code rather than read from a folder: the same list serves
 * dist/ and jest, which see .js and .ts files respectively. Append only; never edit a released one.
 */
const migrations: Record<string, Migration> = {
  '0001-cohorts': cohortsMigration,
  '0002-outbox': outboxMigration,
  '0003-booking': bookingMigration,
  '0004-remote-details': remoteDetailsMigration,
  '0005-unconfirmed-creates': unconfirmedCreatesMigration,
  '0006-links': linksMigration,
  '0007-cohort-teams': cohortTeamsMigration,
  '0008-teams-conversations': teamsConversationsMigration,
  '0009-team-channels': teamChannelsMigration,
  '0010-slot-bookings': slotBookingsMigration,
  '0011-busy-times': busyTimesMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
