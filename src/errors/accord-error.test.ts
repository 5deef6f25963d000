import { describe, expect, it } from 'vitest';
import { AccordError, isAccordError } from './index.js';

class SampleError extends AccordError<'SAMPLE_ONE' | 'SAMPLE_TWO'> {}

describe('AccordError', () => {
  it('carries its code, message, details and cause', () => {
    const cause = new Error('low level');
    const err = new SampleError('SAMPLE_ONE', 'what went wrong', { cause, details: { where: '/id' } });
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('SAMPLE_ONE');
    expect(err.message).toBe('what went wrong');
    expect(err.details).toEqual({ where: '/id' });
    expect(err.cause).toBe(cause);
  });

  it('names itself after its class for logs and stack traces', () => {
    expect(new SampleError('SAMPLE_TWO', 'x').name).toBe('SampleError');
    expect(new SampleError('SAMPLE_TWO', 'x').stack).toContain('SampleError: x');
  });

  it('has no cause or details unless given', () => {
    const err = new SampleError('SAMPLE_ONE', 'x');
    expect('cause' in err).toBe(false);
    expect(err.details).toBeUndefined();
  });

  it('isAccordError recognises domain errors by class and code, not by name', () => {
    const err = new SampleError('SAMPLE_ONE', 'x');
    expect(isAccordError(err)).toBe(true);
    expect(isAccordError(err, 'SAMPLE_ONE')).toBe(true);
    expect(isAccordError(err, 'SAMPLE_TWO')).toBe(false);
    expect(isAccordError(err, 'SAMPLE_TWO', 'SAMPLE_ONE')).toBe(true);
    const impostor = Object.assign(new Error('x'), { name: 'SampleError', code: 'SAMPLE_ONE' });
    expect(isAccordError(impostor)).toBe(false);
    expect(isAccordError({ code: 'SAMPLE_ONE' })).toBe(false);
  });
});
