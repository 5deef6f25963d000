/** Public surface of errors/: the base class of every domain error. Imports nothing from src/. */
export { AccordError, type AccordErrorOptions, type ErrorDetails, isAccordError } from './accord-error.js';
