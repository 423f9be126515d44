import { AppManifestUtils } from '@microsoft/app-manifest';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandOf } from '../../bot/commands';
import {
  AppPackageError, MANIFEST_VERSION, TEMPLATE_FILE, buildAppPackage, derivedTeamsAppId, fillTemplate, packageValues, schemaErrors,
} from '../../scripts/package-app';
import { APP_PACKAGE_DIR } from '../../scripts/make-icons';
import { BOT, CLIENT, DOMAIN, PACKAGE_ENV } from './support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function filled(env: NodeJS.ProcessEnv = PACKAGE_ENV): Json {
  const template: unknown = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8'));
  return fillTemplate(template, packageValues(env, '1.2.3')) as Json;
}

const english = JSON.parse(readFileSync(join(APP_PACKAGE_DIR, 'en.json'), 'utf8')) as Record<string, string>;

describe('the filled manifest', () => {
  it('follows the official schema of the newest bundled manifest version', async () => {
    const manifest = filled();
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(await schemaErrors(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('validates offline: the schema is handed to the library, which never fetches one', async () => {
    const fetchSchema = jest.spyOn(AppManifestUtils, 'fetchSchema');
    const fetch = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in this test'));
    try {
      expect(await schemaErrors(filled())).toEqual([]);
      expect(fetchSchema).not.toHaveBeenCalled();
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      fetchSchema.mockRestore();
      fetch.mockRestore();
    }
  });

  it('is Danish by default with an English translation', async () => {
    const manifest = filled();
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'da', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] });
    expect(manifest.name.short).toBe('Gruppeforløb');
    expect(english['name.short']).toBe('Gruppeforløb');
    expect(await schemaErrors(english, 'MicrosoftTeams.Localization')).toEqual([]);
  });

  it('declares the bot in personal, team and group chat, a command list per scope, Danish and English words the bot understands', () => {
    const [bot, ...others] = filled().bots as Json[];
    expect(others).toEqual([]);
    expect(bot!.botId).toBe(BOT);
    expect(bot!.scopes).toEqual(['personal', 'team', 'groupChat']);
    const lists = bot!.commandLists as Json[];
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    lists.forEach((list, i) => {
      const titles = (list.commands as Json[]).map((c) => c.title as string);
      expect(titles).toEqual(['hjælp', 'møder', 'status', 'forberedelse', 'opfølgning']);
      titles.forEach((title, j) => {
        const en = english[`bots[0].commandLists[${i}].commands[${j}].title`];
        expect(en).toBeDefined();
        expect(commandOf(title)).not.toBe('unknown');
        expect(commandOf(en)).toBe(commandOf(title));
        expect(english[`bots[0].commandLists[${i}].commands[${j}].description`]).toBeTruthy();
      });
    });
    expect(lists.flatMap((l) => (l.commands as Json[]).map((c) => commandOf(c.title as string)))).not.toContain('unknown');
  });

  it('declares the personal tab "Mit forløb" (Teams, Outlook, Microsoft 365) and the configurable team tab', () => {
    const manifest = filled();
    const tab = (manifest.staticTabs as Json[]).find((t) => t.entityId === 'mit-forloeb');
    expect(tab).toEqual({ entityId: 'mit-forloeb', name: 'Mit forløb', contentUrl: `https://${DOMAIN}/tab/`, scopes: ['personal'], context: ['personalTab'] });
    // A requirementSet would keep the tab out of hosts that lack a capability; the tab needs none.
    expect(tab!.requirementSet).toBeUndefined();
    expect(english['staticTabs[0].name']).toBe('My programme');
    expect(manifest.configurableTabs).toEqual([
      { id: 'forloebsoverblik', configurationUrl: `https://${DOMAIN}/tab/config`, canUpdateConfiguration: true, scopes: ['team', 'groupChat'], context: ['channelTab', 'privateChatTab'] },
    ]);
    expect(manifest.validDomains).toEqual([DOMAIN]);
    expect(manifest.permissions).toEqual(['identity']);
    expect(manifest.devicePermissions).toBeUndefined();
  });

  it('signs the tab in with SSO: the app registration and its application ID URI', () => {
    expect(filled().webApplicationInfo).toEqual({ id: CLIENT, resource: `api://${DOMAIN}/${CLIENT}` });
    const uri = `api://${DOMAIN}/botid-${CLIENT}`;
    expect(filled({ ...PACKAGE_ENV, TAB_APP_ID_URI: uri }).webApplicationInfo).toEqual({ id: CLIENT, resource: uri });
  });

  it('has an app id derived from the client id, the same every time, unless TEAMS_APP_ID sets it', () => {
    const id = filled().id as string;
    expect(id).toBe(derivedTeamsAppId(CLIENT));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedTeamsAppId(CLIENT.toUpperCase())).toBe(id);
    expect(derivedTeamsAppId('11111111-2222-3333-4444-555555555555')).not.toBe(id);
    const fixed = '0f0e0d0c-0b0a-4090-8070-605040302010';
    expect(filled({ ...PACKAGE_ENV, TEAMS_APP_ID: fixed }).id).toBe(fixed);
  });

  it('takes its version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(APP_PACKAGE_DIR, '..', 'package.json'), 'utf8')) as { version: string };
    expect((await buildAppPackage(PACKAGE_ENV)).manifest.version).toBe(version);
  });
});

describe('a broken manifest', () => {
  it('without bots[0].botId fails with the schema message', async () => {
    const manifest = filled();
    delete manifest.bots[0].botId;
    expect(await schemaErrors(manifest)).toEqual([expect.stringMatching(/^\/bots\/0 must have required property 'botId'/)]);
  });

  it('with another manifestVersion fails with the schema message', async () => {
    const manifest = { ...filled(), manifestVersion: '1.19' };
    expect(await schemaErrors(manifest)).toEqual([expect.stringMatching(/^\/manifestVersion must be equal to constant\. Details: \{"allowedValue":"1\.30"\}/)]);
  });

  it('with an English key the schema does not know fails', async () => {
    expect(await schemaErrors({ ...english, 'staticTab[0].name': 'typo' }, 'MicrosoftTeams.Localization')).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
  });

  describe('in the template', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'app-package-'));
      for (const name of readdirSync(APP_PACKAGE_DIR)) if (name !== 'build' && name !== 'README.md') copyFileSync(join(APP_PACKAGE_DIR, name), join(dir, name));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function edit(change: (template: Json) => void): void {
      const template = JSON.parse(readFileSync(join(dir, 'manifest.template.json'), 'utf8')) as Json;
      change(template);
      writeFileSync(join(dir, 'manifest.template.json'), JSON.stringify(template));
    }

    it('stops the packaging with the schema message', async () => {
      edit((t) => delete t.bots[0].botId);
      await expect(buildAppPackage(PACKAGE_ENV, dir)).rejects.toThrow(AppPackageError);
      await expect(buildAppPackage(PACKAGE_ENV, dir)).rejects.toThrow(
        /^manifest\.json følger ikke skemaet \/ does not follow the schema \(v1\.30\): \/bots\/0 must have required property 'botId'/,
      );
    });

    it('stops it at a placeholder no variable fills', async () => {
      edit((t) => (t.developer.websiteUrl = '${{WEBSITE}}'));
      await expect(buildAppPackage(PACKAGE_ENV, dir)).rejects.toThrow('manifest.template.json: ukendt pladsholder / unknown placeholder ${{WEBSITE}}');
    });
  });
});
