import { Button, Field, MessageBar, MessageBarBody, Select, Title1, Title2 } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { DemoUser } from '../api';
import { errorText, useStyles, useTab } from '../common';

const KEY = 'gruppeforloeb.demoUser';

/** The demo user picked in this browser tab, if any (sessionStorage: gone when the tab closes). */
export function rememberedDemoUser(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function forgetDemoUser(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): nothing was remembered either.
  }
}

function remember(email: string): void {
  try {
    window.sessionStorage.setItem(KEY, email);
  } catch {
    // Storage refused: the choice lasts until the page reloads.
  }
}

/** Local mode's sign-in: pick one of the people of the stored cohorts and see the tab as they would. */
export function DemoPicker({ users, onPick, onLoaded }: { users: DemoUser[]; onPick(email: string): void; onLoaded(): void }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const [chosen, setChosen] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const loadExamples = async () => {
    setLoading(true);
    setError(null);
    try {
      await api.loadExamples();
      onLoaded();
    } catch (caught) {
      setError(caught);
      setLoading(false);
    }
  };
  const cohorts = [...new Map(users.map((u) => [u.cohortId, u.cohortName])).entries()];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === '') return;
    remember(chosen);
    onPick(chosen);
  };

  return (
    <main className={styles.page}>
      <Title1 as="h1" className={styles.heading}>{t.localTitle}</Title1>
      <MessageBar intent="info">
        <MessageBarBody>{t.localIntro}</MessageBarBody>
      </MessageBar>
      {users.length === 0 ? (
        <section aria-labelledby="empty-installation" className={styles.stack}>
          <Title2 as="h2" id="empty-installation" className={styles.heading}>{t.emptyTitle}</Title2>
          <MessageBar intent="warning">
          <MessageBarBody>
            <p>{t.emptyText}</p>
            <p><code className={styles.code}>{t.emptyCommand}</code></p>
            <p>{t.emptyAfter}</p>
          </MessageBarBody>
          </MessageBar>
          <div>
            <Button appearance="primary" disabled={loading} onClick={() => void loadExamples()}>{t.loadExamples}</Button>
          </div>
          {error !== null && (
            <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(error, t, lang)}</MessageBarBody></MessageBar>
          )}
        </section>
      ) : (
        <form onSubmit={submit} className={styles.stack} style={{ maxWidth: 560 }}>
          <Field label={t.demoUserLabel} required>
            <Select value={chosen} onChange={(_e, data) => setChosen(data.value)}>
              <option value="" disabled>{t.demoUserPlaceholder}</option>
              {cohorts.map(([cohortId, cohortName]) => (
                <optgroup key={cohortId} label={cohortName}>
                  {users.filter((u) => u.cohortId === cohortId).map((u) => (
                    <option key={u.email} value={u.email}>{t.demoUserOption(u.name, t.roles[u.role] ?? u.role, u.municipality)}</option>
                  ))}
                </optgroup>
              ))}
            </Select>
          </Field>
          <div>
            <Button appearance="primary" type="submit" disabled={chosen === ''}>{t.continueAs}</Button>
          </div>
        </form>
      )}
    </main>
  );
}
