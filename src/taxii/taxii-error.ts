import { AccordError } from '../errors/index.js';
import { TAXII_ERRORS, type TaxiiErrorCode } from './taxii-error-catalog.js';

/** A protocol error of the TAXII layer (negotiation, parameters, body), with its HTTP status. */
export class TaxiiError extends AccordError<TaxiiErrorCode> {
  readonly status: number;

  constructor(
    code: TaxiiErrorCode,
    message: string,
    /** Extra response headers (e.g. `Allow` for 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(code, message);
    this.status = TAXII_ERRORS[code].status;
  }
}

/** The TAXII 2.1 error resource (section 3.6.1). */
export interface ErrorResource {
  readonly title: string;
  readonly description?: string;
  readonly error_id?: string;
  readonly error_code?: string;
  readonly http_status?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
