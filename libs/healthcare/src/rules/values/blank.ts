import { fullMatch } from '../sql/full-match-pattern';

/**
 * Empty or only spaces, tabs and line breaks: the same set the validation engine turns into
 * NULL before any rule sees a value (libs/quality rule-inputs). Spelled out, because `\s` means
 * different things in JavaScript and RE2 once Unicode spaces are involved.
 */
export const BLANK = fullMatch('[ \\t\\r\\n]*');
