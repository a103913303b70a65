/** assert.throws / assert.rejects' check of a refusal: an InputError whose message matches `re`, in one line. */
import { InputError } from '../../src/errors.js';

export const oneLine = (re: RegExp) => (e: unknown): boolean => e instanceof InputError && re.test(e.message) && !e.message.includes('\n');
