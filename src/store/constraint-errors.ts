import { DatabaseError } from 'pg';
import type { Cohort } from '../domain/cohort';
import { DomainError } from '../domain/errors';
import {
  danglingReference,
  repeatedAdvisor,
  repeatedEmail,
  repeatedMeetingKey,
  repeatedMunicipalityName,
  repeatedPresentation,
  repeatedRsvp,
  repeatedSlotBooking,
  slotTaken,
} from './cohort-integrity';

function cohortExists(cohort: Cohort): DomainError {
  return new DomainError(
    'cohort_exists',
    { da: `Der findes allerede et gruppeforløb med id "${cohort.id}".`, en: `A cohort with id "${cohort.id}" already exists.` },
    'id',
  );
}

/**
 * Each unique constraint of the schema (names as in the migrations, which PostgreSQL reports) with
 * its columns as SQLite reports them ("UNIQUE constraint failed: t.a, t.b"), and the error it means.
 */
const UNIQUE_CONSTRAINTS: Record<string, { columns: string; error: (cohort: Cohort) => DomainError }> = {
  cohorts_pk: { columns: 'cohorts.id', error: cohortExists },
  advisors_pk: { columns: 'advisors.cohort_id, advisors.id', error: repeatedAdvisor },
  meetings_key_unique: { columns: 'meetings.cohort_id, meetings.key', error: repeatedMeetingKey },
  municipalities_name_unique: { columns: 'municipalities.cohort_id, municipalities.name_key', error: repeatedMunicipalityName },
  participants_email_unique: { columns: 'participants.cohort_id, participants.email_key', error: repeatedEmail },
  rsvps_pk: { columns: 'rsvps.cohort_id, rsvps.meeting_id, rsvps.participant_id', error: repeatedRsvp },
  presentations_pk: {
    columns: 'presentations.cohort_id, presentations.meeting_id, presentations.municipality_id',
    error: repeatedPresentation,
  },
  slot_bookings_pk: {
    columns: 'slot_bookings.cohort_id, slot_bookings.meeting_id, slot_bookings.municipality_id',
    error: repeatedSlotBooking,
  },
  // A partial unique index: SQLite names its columns like a constraint's, PostgreSQL the index.
  slot_bookings_slot_unique: { columns: 'slot_bookings.cohort_id, slot_bookings.meeting_id, slot_bookings.start', error: slotTaken },
};

type Violation = { kind: 'unique'; constraint: string | undefined } | { kind: 'foreign_key' };

const SQLITE_UNIQUE = /^UNIQUE constraint failed: (.*)$/;

/**
 * better-sqlite3's SqliteError, recognised by shape alone: its native addon keeps the error class
 * (and so the realm's Error) of the first copy of the module that loaded it, so `instanceof` fails
 * wherever modules are loaded more than once, as jest does for each test file.
 */
function sqliteError(error: unknown): { code: string; message: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  return name === 'SqliteError' && typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

function sqliteViolation(error: { code: string; message: string }): Violation | null {
  if (error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'foreign_key' };
  if (error.code !== 'SQLITE_CONSTRAINT_UNIQUE' && error.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return null;
  const columns = SQLITE_UNIQUE.exec(error.message)?.[1];
  const constraint = Object.entries(UNIQUE_CONSTRAINTS).find(([, c]) => c.columns === columns)?.[0];
  return { kind: 'unique', constraint };
}

function postgresViolation(error: DatabaseError): Violation | null {
  if (error.code === '23503') return { kind: 'foreign_key' };
  if (error.code === '23505') return { kind: 'unique', constraint: error.constraint };
  return null;
}

function violation(error: unknown): Violation | null {
  const sqlite = sqliteError(error);
  if (sqlite) return sqliteViolation(sqlite);
  if (error instanceof DatabaseError) return postgresViolation(error);
  return null;
}

/**
 * The domain error a failed write of `cohort` stands for, when the database refused it for one of
 * the schema's constraints; null for anything else, which the caller rethrows as it is. A foreign
 * key is traced in the cohort rather than by name, because SQLite does not say which one failed.
 */
export function constraintError(error: unknown, cohort: Cohort): DomainError | null {
  const found = violation(error);
  if (!found) return null;
  if (found.kind === 'foreign_key') return danglingReference(cohort);
  const constraint = found.constraint === undefined ? undefined : UNIQUE_CONSTRAINTS[found.constraint];
  return constraint ? constraint.error(cohort) : null;
}
