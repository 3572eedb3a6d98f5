/**
 * Operators' command line for accounts, respecting DATA_DIR:
 *   npm run users -- add <username> --role <role> [--display-name "Name"]   (password on stdin)
 *   npm run users -- list
 *   npm run users -- disable <username>
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { passwordSchema, roleSchema, usernameSchema } from '../../src/lib/api/schemas.ts';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import { ConfigError, parseConfig } from '../config.ts';
import { hashPassword } from '../auth/passwords.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { ConflictError } from '../store/types.ts';

const USAGE = `Usage:
  npm run users -- add <username> --role <admin|coordinator|worker|expert> [--display-name "Name"]
      (reads the password from standard input)
  npm run users -- list
  npm run users -- disable <username>`;

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new UsageError('No password on standard input.');
}

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, 'display-name': { type: 'string' } }
  });
  const [command, name] = positionals;
  const config = parseConfig();
  const store = SqliteStore.open(config.dataDir, config.durability);
  try {
    switch (command) {
      case 'add': {
        const username = usernameSchema.safeParse(name ?? '');
        if (!username.success) throw new UsageError(`Bad username: ${username.error.issues[0]?.message}`);
        const role = roleSchema.safeParse(values.role);
        if (!role.success) throw new UsageError('--role must be admin, coordinator, worker or expert.');
        const password = passwordSchema.safeParse(await readPassword());
        if (!password.success) throw new UsageError(`Bad password: ${password.error.issues[0]?.message}`);
        const user = await store.users.create({
          id: uuidv7(),
          username: username.data,
          role: role.data,
          displayName: values['display-name']?.trim() || username.data,
          passwordHash: await hashPassword(password.data)
        });
        return `Added ${user.username} (${user.role}), id ${user.id}.`;
      }
      case 'list': {
        const users = await store.users.list();
        if (users.length === 0) return 'No users yet.';
        return users
          .map((u) =>
            [
              u.username.padEnd(24),
              u.role.padEnd(12),
              u.disabled ? 'disabled' : 'active  ',
              u.displayName
            ].join(' ')
          )
          .join('\n');
      }
      case 'disable': {
        const user = await store.users.byUsername((name ?? '').toLowerCase());
        if (!user) throw new UsageError(`No user named "${name ?? ''}".`);
        await store.users.update(user.id, { disabled: true });
        const ended = await store.sessions.revokeAllForUser(user.id, Date.now());
        return `Disabled ${user.username}; ended ${ended.length} session(s). A running server closes their connections at their next request.`;
      }
      default:
        throw new UsageError(command ? `Unknown command "${command}".` : 'Give a command.');
    }
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).then(
  (out) => {
    process.stdout.write(`${out}\n`);
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConflictError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\n${error instanceof UsageError ? USAGE : ''}\n`);
      process.exit(2);
    }
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
);
