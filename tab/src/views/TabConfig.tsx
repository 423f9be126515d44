import { Body1, Field, Link, MessageBar, MessageBarBody, Radio, RadioGroup, Title1 } from '@fluentui/react-components';
import { pages } from '@microsoft/teams-js';
import { useCallback, useEffect, useState } from 'react';
import { Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { tabSettings, type TabSettings } from '../tab-settings';

/** The configuration page's route below /tab/: the manifest's configurationUrl is `/tab/config`. */

/**
 * Teams' Save button: enabled once a cohort is chosen, and saving stores that cohort's tab. Teams
 * keeps one save handler, so registering again replaces the earlier choice.
 */
function offerToSave(settings: TabSettings | null, failed: string): void {
  pages.config.setValidityState(settings !== null);
  pages.config.registerOnSaveHandler((event) => {
    if (settings === null) return event.notifyFailure(failed);
    pages.config.setConfig(settings).then(
      () => event.notifySuccess(),
      () => event.notifyFailure(failed),
    );
  });
}

/**
 * The team or group chat tab's configuration page, inside Teams: the advisor picks one of the
 * cohorts they advise, and Save adds the tab showing that cohort's overview.
 */
export function TabConfig() {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const cohorts = useLoad(useCallback(() => api.cohorts(), [api]));
  const [chosen, setChosen] = useState('');

  // Reconfiguring an existing tab: Teams hands back what it saved, whose entity id is the cohort's.
  useEffect(() => {
    let current = true;
    pages.getConfig().then(
      (saved) => current && saved?.entityId && setChosen((earlier) => earlier || saved.entityId!),
      // A tab being added has nothing saved yet.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);

  const advised = cohorts.state === 'ok' ? cohorts.data.cohorts.filter((c) => c.role === 'advisor') : [];
  const cohort = advised.find((c) => c.id === chosen) ?? (advised.length === 1 ? advised[0] : undefined);
  const cohortId = cohort?.id ?? null;
  const cohortName = cohort?.name ?? null;
  useEffect(() => {
    const settings = cohortId === null || cohortName === null ? null : tabSettings({ id: cohortId, name: cohortName }, window.location.origin, lang);
    offerToSave(settings, t.tabConfigSaveFailed);
  }, [cohortId, cohortName, lang, t]);

  let body;
  if (cohorts.state === 'loading') body = <Loading />;
  else if (cohorts.state === 'error') body = <Failure error={cohorts.error} onRetry={() => void cohorts.reload()} />;
  else if (advised.length === 0) {
    body = (
      <MessageBar intent="warning">
        <MessageBarBody>{t.tabConfigNoCohorts}</MessageBarBody>
      </MessageBar>
    );
  } else {
    body = (
      <>
        <Body1>{t.tabConfigIntro}</Body1>
        <Field label={t.tabConfigCohort} required>
          <RadioGroup value={cohortId ?? ''} onChange={(_event, data) => setChosen(data.value)}>
            {advised.map((c) => (
              <Radio key={c.id} value={c.id} label={c.name} />
            ))}
          </RadioGroup>
        </Field>
        {cohortName !== null && <Body1 role="status">{t.tabConfigSaveHint(t.tabConfigDisplayName(cohortName))}</Body1>}
      </>
    );
  }

  return (
    <main className={styles.page}>
      <Title1 as="h1" className={styles.heading}>{t.tabConfigTitle}</Title1>
      {body}
    </main>
  );
}

/** The configuration page opened outside Teams, where there is no tab to add: it says what it is for. */
export function TabConfigOutsideTeams() {
  const { t, navigate } = useTab();
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <Title1 as="h1" className={styles.heading}>{t.tabConfigTitle}</Title1>
      <MessageBar intent="info">
        <MessageBarBody>
          <p>{t.tabConfigOutsideTeams}</p>
          <p>{t.tabConfigHowTo}</p>
        </MessageBarBody>
      </MessageBar>
      <div>
        <Link
          href="/tab/"
          onClick={(event) => {
            event.preventDefault();
            navigate('');
          }}
        >
          {t.tabConfigOpenApp}
        </Link>
      </div>
    </main>
  );
}
