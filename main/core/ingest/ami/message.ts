/**
 * One Asterisk Manager Interface message: `Key: Value` headers ended by a blank line.
 *
 * Header names are case-insensitive in practice: Asterisk 11 writes `Holdtime` where 12+ writes
 * `HoldTime`, and clients send `action: login`. `fields` keeps the keys exactly as sent; `get`
 * looks a key up in any case. A key repeated inside one message (`ChanVariable`, the `Output`
 * lines of a command) keeps every value, joined by a newline.
 *
 * `fields` has no prototype: a header named `__proto__` or `constructor` from a hostile or broken
 * peer stays an ordinary key.
 */
export class AmiMessage {
  readonly fields: Readonly<Record<string, string>>;
  private readonly lower = new Map<string, string>();

  constructor(
    /** Headers in arrival order, keys as sent, repeats kept apart. */
    readonly headers: ReadonlyArray<readonly [string, string]>,
    /** 1-based line where the message started in its stream or file (0 when built in code). */
    readonly line = 0,
  ) {
    const fields = Object.create(null) as Record<string, string>;
    for (const [key, value] of headers) {
      fields[key] = key in fields ? `${fields[key]}\n${value}` : value;
      const k = key.toLowerCase();
      const prev = this.lower.get(k);
      this.lower.set(k, prev === undefined ? value : `${prev}\n${value}`);
    }
    this.fields = fields;
  }

  /** The value of `key` in any letter case, or undefined when absent. */
  get(key: string): string | undefined {
    return this.lower.get(key.toLowerCase());
  }

  has(key: string): boolean {
    return this.lower.has(key.toLowerCase());
  }

  /** `Event` name of an event, else undefined. */
  get event(): string | undefined {
    return this.get('event');
  }

  /** `Response` status (Success, Error, Follows, Goodbye) of a response, else undefined. */
  get response(): string | undefined {
    return this.lower.has('event') ? undefined : this.get('response');
  }

  /** `Action` name of a client-sent action (seen in captures), else undefined. */
  get action(): string | undefined {
    return this.lower.has('event') || this.lower.has('response') ? undefined : this.get('action');
  }

  get actionId(): string | undefined {
    return this.get('actionid');
  }

  /** A copy with `key` set (replacing any spelling of it), e.g. to stamp an ActionID. */
  with(key: string, value: string): AmiMessage {
    const k = key.toLowerCase();
    const kept = this.headers.filter(([name]) => name.toLowerCase() !== k);
    return new AmiMessage([...kept, [key, value]], this.line);
  }
}

export class AmiFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AmiFormatError';
  }
}

/**
 * Wire form of a message: CRLF-terminated headers and a blank line. A CR or LF inside a key or
 * value would let a crafted value (a secret, a queue name from settings) inject extra headers or a
 * second action, so it is refused rather than escaped: AMI has no escaping.
 */
export function formatAmi(headers: Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>): string {
  const list = Array.isArray(headers) ? headers : Object.entries(headers);
  let out = '';
  for (const [key, value] of list as ReadonlyArray<readonly [string, string]>) {
    if (!/^[A-Za-z0-9_\-()/.]+$/.test(key)) throw new AmiFormatError(`invalid AMI header name ${JSON.stringify(key)}`);
    if (/[\r\n]/.test(value)) throw new AmiFormatError(`AMI header ${key} contains a line break`);
    out += `${key}: ${value}\r\n`;
  }
  return `${out}\r\n`;
}
