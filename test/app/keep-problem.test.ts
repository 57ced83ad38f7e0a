import { describe, expect, it } from 'vitest';
import { keepProblem } from '../../src/app/storage/keep-problem';

// The errors Chromium gave when the origin's storage was full (measured: README, Decisions).
describe('keepProblem', () => {
  it('says the storage is full for the quota errors of a full origin', () => {
    const quota = Object.assign(new Error("Failed to execute 'write' on 'FileSystemSyncAccessHandle': No space available for this operation"), { name: 'QuotaExceededError' });
    expect(keepProblem(quota)).toMatch(/storage for this page is full/);
  });
  it('gives any other error in its first line', () => {
    expect(keepProblem(new Error('IO Error: could not open\nstack…'))).toBe('This data could not be kept in this browser (Error: IO Error: could not open). It is shown until the page closes.');
  });
});
