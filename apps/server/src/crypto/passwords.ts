import { hash, verify } from '@node-rs/argon2';

/** argon2id password hashing (the library's default algorithm), cost from configuration. */
export class PasswordHasher {
  constructor(private readonly memoryKib: number) {}

  hash(password: string): Promise<string> {
    return hash(password, { memoryCost: this.memoryKib, timeCost: 2, parallelism: 1 });
  }

  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }
}
