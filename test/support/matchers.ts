import { expect } from 'vitest';

// vitest types its asymmetric matchers as `any`, which the type-checked lint rules refuse to let into an
// object literal; typed `unknown` they match the same and cannot be used as a string by mistake.

/** `expect.stringMatching`, typed for use as a property of an expected object. */
export const stringMatching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

/** `expect.stringContaining`, typed for use as a property of an expected object. */
export const stringContaining = (text: string): unknown => expect.stringContaining(text);
