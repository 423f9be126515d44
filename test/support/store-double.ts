import type { HealthSource } from '../../src/server/app';

/** A store whose database never answers: the one thing the real store cannot easily be made to do. */
export function unreachableStore(): HealthSource {
  return { engine: 'sqlite', ping: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) };
}
