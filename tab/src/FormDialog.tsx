import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarActions, MessageBarBody,
} from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from './api';
import { errorText, useStyles, useTab } from './common';

export const isStale = (error: unknown) => error instanceof ApiError && error.status === 412;

/**
 * A refusal of a form, in the API's words. A version changed meanwhile (412) offers a reload when
 * the form can do one: saving again would only be refused again. `staleText` says what changed.
 */
export function Refusal({ error, onReload, staleText }: { error: unknown; onReload?: () => Promise<void>; staleText?: string }) {
  const { t, lang } = useTab();
  if (error === null) return null;
  if (isStale(error) && onReload) {
    return (
      <MessageBar intent="warning" role="alert">
        <MessageBarBody>{staleText ?? t.staleVersion}</MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => void onReload()}>{t.reload}</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return <MessageBar intent="error" role="alert"><MessageBarBody>{errorText(error, t, lang)}</MessageBarBody></MessageBar>;
}

/**
 * One change in a modal form: saving shows it is busy, a refusal stays in the dialog with what was
 * typed, and the dialog closes only when `save` succeeds (its caller closes it).
 */
export function FormDialog({ title, saveLabel, ready = true, save, onClose, onReload, staleText, children }: {
  title: string;
  saveLabel: string;
  /** False while the form is incomplete. */
  ready?: boolean;
  save(): Promise<void>;
  onClose(): void;
  onReload?: () => Promise<void>;
  /** What a 412 means here; a meeting changed meanwhile unless said. */
  staleText?: string;
  children: ReactNode;
}) {
  const { t } = useTab();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await save();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.stack}>
              {children}
              <Refusal error={error} onReload={onReload} staleText={staleText} />
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>{t.cancel}</Button>
              <Button appearance="primary" type="submit" disabled={busy || (isStale(error) && onReload !== undefined) || !ready}>{saveLabel}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
