/**
 * Exit codes and error lines of the CLI (listed in --help). A user's mistake or a problem with
 * the data ends in one line on stderr saying what to change; only an error the CLI did not
 * expect (a bug) hints at --debug, which prints its stack.
 */
export const EXIT = {
  /** Every output written. */
  ok: 0,
  /** Nothing to analyze, or the run could not finish (no readable order_lines, engine, disk). */
  failed: 1,
  /** A mistake in the command: command, option, value, data folder or --out folder. */
  usage: 2,
  /** A file of the folder was refused, so nothing was analyzed (--allow-partial analyzes the rest). */
  fileRefused: 3,
  /** An error the CLI did not expect. */
  internal: 4,
  /** A file of the folder cannot be read without an answer (no preset fits, or a question is open): nothing was loaded. */
  openQuestions: 5,
} as const;

/** A problem the user can fix, with its message (one line) and exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'a file of that name is in the way',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

/** A Node file-system error (it has a code such as EACCES and the path it was about). */
export function isFsError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/** Why a file-system call failed, in words (the code stays for a search: "permission denied (EACCES)"). */
export function fsReason(e: unknown): string {
  if (!isFsError(e)) return firstLine(e);
  const words = FS_REASONS[e.code];
  return words ? `${words} (${e.code})` : firstLine(e);
}

/** The first line of an error's message (DuckDB's messages go on with the query text). */
export function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0]!.trim();
}

/**
 * Prints what went wrong and returns the exit code: the message of a CliError; a file-system
 * error as "cannot <do what> <path>: <reason>"; anything else as an internal error with the
 * hint to rerun with --debug. `debug` adds the stack in every case.
 */
export function reportError(e: unknown, debug: boolean, print: (s: string) => void = console.error): number {
  let code: number;
  if (e instanceof CliError) {
    print(e.message);
    code = e.exitCode;
  } else if (isFsError(e)) {
    print(`cannot ${e.syscall}${e.path ? ` ${e.path}` : ''}: ${fsReason(e)}`);
    code = EXIT.failed;
  } else {
    print(`internal error: ${firstLine(e)}${debug ? '' : ' (rerun with --debug to see where it happened)'}`);
    code = EXIT.internal;
  }
  if (debug && e instanceof Error && e.stack) print(e.stack);
  return code;
}
