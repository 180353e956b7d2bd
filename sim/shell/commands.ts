import type { CommandSpec } from './types';

/**
 * The command table. Subsystems register their commands at install time
 * (kubectl, curl, nslookup, cat, env, ...); the shell looks commands up here.
 */
export class CommandTable {
  private specs = new Map<string, CommandSpec>();

  register(spec: CommandSpec): void {
    this.specs.set(spec.name, spec);
  }

  get(name: string): CommandSpec | undefined {
    return this.specs.get(name);
  }

  names(): string[] {
    return [...this.specs.keys()].sort();
  }
}
