/** Error codes every transport carries unchanged, so screens can say what to do. */
export const ERROR_CODES = [
  'bad-input',
  'unknown-method',
  'forbidden',
  'not-found',
  'conflict',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field paths and messages for `bad-input`. */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }
  toBody(): ErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
  static fromBody(body: ErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.issues);
  }
}

/** The envelope every transport returns for a call. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorBody };
