import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { systemClock } from '../src/app/clock';
import { newId } from '../src/app/ids';
import { toDocument } from '../src/documents/cohort-document';
import { demoCohort } from '../src/documents/demo-cohort';
import { documentJson, EXAMPLES_DIR, PACKAGE_ROOT, schemaRefFor } from '../src/documents/document-files';
import { dateOf, toLocal } from '../src/domain/local-time';

/** Regenerates the demo cohort relative to today, so its kick-off is always a few weeks ahead. */
const file = join(EXAMPLES_DIR, 'demo.cohort.json');
const today = dateOf(toLocal(systemClock.now()));
writeFileSync(file, documentJson(toDocument(demoCohort(today, newId), { schema: schemaRefFor(file) })));
console.log(`Skrev / wrote ${relative(PACKAGE_ROOT, file)} (i dag / today ${today})`);
