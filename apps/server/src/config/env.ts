/**
 * The only reader of process.env. Everything else receives the parsed, frozen Config.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export function readEnvironment(): Environment {
  return { ...process.env };
}
