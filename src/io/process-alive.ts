/**
 * Whether a process with this id runs on this machine (signal 0 delivers nothing; EPERM is a live process of another
 * user). Who asks: the workbench server, for runs whose accepting server is gone (server/service.ts), and the sweep
 * store, for a local sweep's mark whose process is gone (sweep/store.ts claimRun).
 */
export function processAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
