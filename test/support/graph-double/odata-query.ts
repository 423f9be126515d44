type View = Record<string, unknown>;
type Predicate = (view: View) => boolean;

export interface ListQuery {
  filter: Predicate | null;
  top: number | null;
  skip: number;
  select: string[] | null;
  orderBy: { path: string; descending: boolean } | null;
}

export type Parsed = { ok: true; query: ListQuery } | { ok: false; code: string; message: string };

const OPTIONS = new Set(['$filter', '$top', '$skip', '$select', '$orderby']);
const OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/**
 * The OData query options the product may use on a user's events: `$filter` with comparisons of
 * properties (`transactionId eq '…'`, `start/dateTime ge '…'`, `isCancelled eq false`), the
 * categories lambda `categories/any(c:c eq '…')`, `and`/`or` and parentheses; `$top`, `$skip`,
 * `$select` and `$orderby`. Anything else is refused, so a query the double cannot answer faithfully
 * never passes silently.
 */
export function parseQuery(params: URLSearchParams): Parsed {
  for (const key of params.keys()) {
    if (key.startsWith('$') && !OPTIONS.has(key.toLowerCase())) return { ok: false, code: 'BadRequest', message: `Query option '${key}' is not supported here.` };
  }
  const get = (name: string) => params.get(name) ?? params.get(name.toUpperCase());
  const top = get('$top');
  const skip = get('$skip');
  if ((top !== null && !/^\d+$/.test(top)) || (skip !== null && !/^\d+$/.test(skip))) {
    return { ok: false, code: 'BadRequest', message: `Invalid value for $top or $skip: '${top ?? skip}'.` };
  }
  let filter: Predicate | null = null;
  const text = get('$filter');
  if (text !== null) {
    try {
      filter = new FilterParser(text).parse();
    } catch (error) {
      return { ok: false, code: 'ErrorInvalidUrlQueryFilter', message: `The query filter contains one or more invalid nodes. (${(error as Error).message})` };
    }
  }
  const orderText = get('$orderby');
  const order = orderText === null ? null : /^\s*([\w/]+)(?:\s+(asc|desc))?\s*$/i.exec(orderText);
  if (orderText !== null && !order) return { ok: false, code: 'BadRequest', message: `Invalid $orderby: '${orderText}'.` };
  const select = get('$select');
  return {
    ok: true,
    query: {
      filter,
      top: top === null ? null : Number(top),
      skip: skip === null ? 0 : Number(skip),
      select: select === null ? null : select.split(',').map((s) => s.trim()).filter(Boolean),
      orderBy: order ? { path: order[1]!, descending: order[2]?.toLowerCase() === 'desc' } : null,
    },
  };
}

export function valueAt(view: View, path: string): unknown {
  return path.split('/').reduce<unknown>((node, name) => (node !== null && typeof node === 'object' ? (node as View)[name] : undefined), view);
}

/** Strings compare as text; Outlook's seven-digit times and a filter's shorter ones compare by their common prefix. */
function compare(left: unknown, right: unknown): number {
  const norm = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 19) : v);
  const [a, b] = [norm(left), norm(right)];
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return String(a) < String(b) ? -1 : 1;
}

class FilterParser {
  private readonly tokens: string[];
  private at = 0;

  constructor(text: string) {
    this.tokens = text.match(/'(?:[^']|'')*'|\(|\)|[^\s()]+/g) ?? [];
  }

  parse(): Predicate {
    const predicate = this.or();
    if (this.at < this.tokens.length) throw new Error(`unexpected '${this.tokens[this.at]}'`);
    return predicate;
  }

  private or(): Predicate {
    let left = this.and();
    while (this.peek()?.toLowerCase() === 'or') {
      this.at++;
      const [a, b] = [left, this.and()];
      left = (v) => a(v) || b(v);
    }
    return left;
  }

  private and(): Predicate {
    let left = this.term();
    while (this.peek()?.toLowerCase() === 'and') {
      this.at++;
      const [a, b] = [left, this.term()];
      left = (v) => a(v) && b(v);
    }
    return left;
  }

  private term(): Predicate {
    const token = this.next();
    if (token === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const lambda = /^([\w/]+)\/any$/i.exec(token);
    if (lambda) return this.any(lambda[1]!);
    if (!/^[A-Za-z][\w/]*$/.test(token)) throw new Error(`'${token}' is not a property`);
    const operator = this.next().toLowerCase();
    if (!OPERATORS.has(operator)) throw new Error(`'${operator}' is not a comparison`);
    const literal = this.literal();
    return (view) => test(compare(valueAt(view, token), literal), operator);
  }

  /** `categories/any(c:c eq 'x')`: some item of a collection compares as asked. */
  private any(path: string): Predicate {
    this.expect('(');
    const variable = /^(\w+):(\w+)$/.exec(this.next());
    if (!variable || variable[1] !== variable[2]) throw new Error('a lambda must read (x:x op value)');
    const operator = this.next().toLowerCase();
    if (!OPERATORS.has(operator)) throw new Error(`'${operator}' is not a comparison`);
    const literal = this.literal();
    this.expect(')');
    return (view) => {
      const items = valueAt(view, path);
      return Array.isArray(items) && items.some((item) => test(compare(item, literal), operator));
    };
  }

  private literal(): unknown {
    const token = this.next();
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z?$/.test(token)) return token;
    throw new Error(`'${token}' is not a literal`);
  }

  private peek(): string | undefined {
    return this.tokens[this.at];
  }

  private next(): string {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new Error('the filter ends too early');
    return token;
  }

  private expect(token: string): void {
    if (this.next() !== token) throw new Error(`'${token}' expected`);
  }
}

function test(order: number, operator: string): boolean {
  switch (operator) {
    case 'eq': return order === 0;
    case 'ne': return order !== 0;
    case 'gt': return order > 0;
    case 'ge': return order >= 0;
    case 'lt': return order < 0;
    default: return order <= 0;
  }
}
