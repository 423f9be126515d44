import { MessageBar, MessageBarBody, Title1 } from '@fluentui/react-components';
import { useStyles, useTab } from '../common';

/** With a tenant, sign-in is Teams SSO: a plain browser cannot get a token. */
export function NotInTeams() {
  const { t } = useTab();
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <Title1 as="h1" className={styles.heading}>{t.appName}</Title1>
      <MessageBar intent="warning">
        <MessageBarBody>{t.openInTeams}</MessageBarBody>
      </MessageBar>
    </main>
  );
}
