import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * SQLite's plain `begin` defers the write lock to the first write; if another process (the CLI
 * beside the server) committed in between, that write fails at once with SQLITE_BUSY_SNAPSHOT,
 * which no busy timeout waits out. `begin immediate` takes the lock up front, so a transaction
 * waits its turn (up to the busy timeout) instead of failing half way.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}
