/**
 * `accord serve` child processes sharing one database (issue 18): each on its own fixed port,
 * joined by NATS when given, started, SIGKILLed and started again by the test.
 */
import { ServeChild } from '../../support/serve-process-child.js';

/** One process of a node. */
export class ServeProcess extends ServeChild {
  readonly url: string;

  constructor(name: string, db: string, port: number, env: Readonly<Record<string, string>> = {}) {
    super(name, db, port, env);
    this.url = `http://127.0.0.1:${port}`;
  }
}
