import type { Command } from 'commander';

/** Statutory returns: filled in by the returns module. */
export function registerReturnCommands(_program: Command): void {}
