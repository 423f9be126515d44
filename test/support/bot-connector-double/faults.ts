import { connectorError, FAULT_ERRORS, type Answer, type FaultStatus } from './answers';

export interface StatusFault {
  status: FaultStatus;
  /** The error code; the one Microsoft documents for the status when left out. */
  code?: string;
  message?: string;
  /** Sent as Retry-After; a 429 without one says 1. */
  retryAfterSeconds?: number;
  /** Only calls about this conversation meet the fault; any call when left out. */
  conversationId?: string;
}

export interface LostAnswer {
  conversationId?: string;
}

/** What a scripted fault does to the call that meets it. */
export type Scripted = { kind: 'answer'; answer: Answer } | { kind: 'lose' };

type Pending = { conversationId: string | undefined; scripted: Scripted };

/** Faults a test asks for, met by the next calls in arrival order (those about their conversation). */
export class ScriptedFaults {
  private readonly pending: Pending[] = [];

  failNext(n: number, fault: StatusFault): void {
    const { code, message } = { ...FAULT_ERRORS[fault.status], ...definedOnly({ code: fault.code, message: fault.message }) };
    const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
    const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
    this.add(n, fault.conversationId, { kind: 'answer', answer: connectorError(fault.status, code, message, headers) });
  }

  loseNext(n: number, fault: LostAnswer): void {
    this.add(n, fault.conversationId, { kind: 'lose' });
  }

  /** The fault this call meets, taken off the list; null when none is waiting for it. */
  take(conversationId: string | undefined): Scripted | null {
    const index = this.pending.findIndex((p) => p.conversationId === undefined || p.conversationId === conversationId);
    return index < 0 ? null : this.pending.splice(index, 1)[0]!.scripted;
  }

  private add(n: number, conversationId: string | undefined, scripted: Scripted): void {
    for (let i = 0; i < n; i++) this.pending.push({ conversationId, scripted });
  }
}

const definedOnly = <T extends object>(value: T): Partial<T> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
