import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { cohortDocumentJsonSchema } from '../src/documents/cohort-document';
import { documentJson, PACKAGE_ROOT, SCHEMA_FILE } from '../src/documents/document-files';

writeFileSync(SCHEMA_FILE, documentJson(cohortDocumentJsonSchema()));
console.log(`Skrev / wrote ${relative(PACKAGE_ROOT, SCHEMA_FILE)}`);
