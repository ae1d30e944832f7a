import { DataDirLockedError } from '../db/data-dir-lock';

/**
 * Runs a command: its errors end it with their message (no stack) and exit code 1. `whenLocked` is the advice shown
 * when the embedded data folder is held by another process (usually the running server).
 */
export async function runCli(main: () => Promise<void>, whenLocked: string): Promise<void> {
  try {
    await main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    if (err instanceof DataDirLockedError) console.error(whenLocked);
    process.exitCode = 1;
  }
}
