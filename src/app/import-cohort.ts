import { readCohortDocument } from '../documents/cohort-document';
import { atDocumentPath } from '../documents/document-problems';
import { isDomainError, type DomainError } from '../domain/errors';
import type { CohortStore, StoredCohort } from '../store/cohort-store';
import type { NewId } from './ids';

export type ImportResult = { ok: true; stored: StoredCohort } | { ok: false; problems: DomainError[] };

/**
 * Stores the cohort a document describes, or nothing: a document with any problem is refused
 * whole, with every problem and its path. The store's own refusals (an id already taken, a
 * constraint) come back the same way.
 */
export async function importCohort(deps: { store: CohortStore; newId: NewId }, document: unknown): Promise<ImportResult> {
  const read = readCohortDocument(document, deps.newId);
  if (!read.ok) return read;
  try {
    return { ok: true, stored: await deps.store.create(read.cohort) };
  } catch (error) {
    if (isDomainError(error)) return { ok: false, problems: [atDocumentPath(error)] };
    throw error;
  }
}
