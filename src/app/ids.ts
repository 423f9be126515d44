import { randomUUID } from 'node:crypto';

export type NewId = () => string;

export const newId: NewId = randomUUID;
