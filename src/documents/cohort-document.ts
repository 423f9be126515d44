import type { NewId } from '../app/ids';
import type { Cohort } from '../domain/cohort';
import type { DomainError } from '../domain/errors';
import { fromZodIssues } from './document-problems';
import { cohortDocumentSchema } from './document-schema';
import { fromDocument } from './from-document';

export { COHORT_DOCUMENT_FORMAT, cohortDocumentJsonSchema, cohortDocumentSchema, type CohortDocument } from './document-schema';
export { toDocument, type DocumentOptions } from './to-document';

export type ReadResult = { ok: true; cohort: Cohort } | { ok: false; problems: DomainError[] };

const byPath = (a: DomainError, b: DomainError) => (a.path ?? '').localeCompare(b.path ?? '', 'en', { numeric: true });

/**
 * Reads a cohort document (parsed JSON) into a domain Cohort with new ids. The shape is checked
 * first; if it holds, dates, references and the cohort's rules are checked, and every problem found
 * is returned with its path, in document order, so one round of fixes is enough.
 */
export function readCohortDocument(input: unknown, newId: NewId): ReadResult {
  const parsed = cohortDocumentSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: fromZodIssues(parsed.error.issues) };
  const { cohort, problems } = fromDocument(parsed.data, newId);
  return problems.length === 0 ? { ok: true, cohort } : { ok: false, problems: [...problems].sort(byPath) };
}
