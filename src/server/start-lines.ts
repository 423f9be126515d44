import type { Clock } from '../app/clock';
import { describeConfig, type Config } from '../config/config';
import { toLocal } from '../domain/local-time';

/** What a person starting the server needs to know: where it is, whether it reaches Microsoft 365, what time it thinks it is. */
export function startLines(config: Config, url: string, clock: Clock): string[] {
  const lines = config.mode.kind === 'local'
    ? [
      `Gruppeforløb for Teams kører lokalt på ${url}: ikke forbundet til Microsoft 365, lytter kun på loopback (${config.host}).`,
      `Gruppeforløb for Teams runs locally at ${url}: not connected to Microsoft 365, listening on loopback (${config.host}) only.`,
      `Fanen / the tab: ${url}/tab`,
    ]
    : [
      `Gruppeforløb for Teams lytter på / listens on ${config.host}:${new URL(url).port}, tenant ${config.mode.tenantId}.`,
      `Fanen / the tab: ${config.links.publicUrl.replace(/\/+$/, '')}/tab`,
    ];
  if (config.mode.kind === 'local' && config.mode.localNow !== null) {
    const now = toLocal(clock.now()).replace('T', ' ');
    lines.push(`Uret er flyttet med LOCAL_NOW: klokken er ${now} dansk tid / The clock was moved by LOCAL_NOW: it is ${now} Copenhagen time.`);
  }
  lines.push(`Konfiguration / configuration: ${describeConfig(config)}`);
  return lines;
}

export function ignoredLine(config: Config): string | null {
  if (config.ignored.length === 0) return null;
  const names = config.ignored.join(', ');
  return config.mode.kind === 'local'
    ? `Uden virkning uden AAD_APP_TENANT_ID / no effect without AAD_APP_TENANT_ID: ${names}`
    : `Uden virkning uden BOT_ID / no effect without BOT_ID: ${names}`;
}
