import { parseArgs } from 'node:util';
import { PASSWORD_PROBLEM_MESSAGES, ROLES, type Role, USERNAME_RULE, passwordProblem } from '@onex/shared';
import { hashPassword } from '../auth/password';
import { loadConfig } from '../config';
import { prepareDatabase } from '../db/prepare';
import { insertUser, usernameExists } from '../modules/accounts/accounts.queries';
import { recordAudit } from '../modules/audit/audit.service';
import { runCli } from './run';

const USAGE = `用法 usage:
  npm run admin -- create-user --username <名> --password <密码> [--display-name <姓名>] [--role national_admin]

在服务器部署上创建第一个国家管理员（其余账号在平台内由管理员逐级创建）。
Creates the first national administrator of a server deployment; administrators create the rest in the platform.`;

async function createUser(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string', default: 'national_admin' },
    },
  });
  const { username, password } = values;
  const role = values.role as Role;
  if (!username || !password) throw new Error(USAGE);
  if (!USERNAME_RULE.test(username)) throw new Error('用户名须为 3–64 位字母、数字或 ._-');
  if (role !== 'national_admin' || !ROLES.includes(role))
    throw new Error('命令行只创建国家管理员（national_admin）；其余账号请登录平台创建');

  const config = loadConfig();
  const problem = passwordProblem(password, { demo: config.demo });
  if (problem) throw new Error(`${PASSWORD_PROBLEM_MESSAGES[problem].zh} (${PASSWORD_PROBLEM_MESSAGES[problem].en})`);
  const database = await prepareDatabase(config);
  try {
    if (await usernameExists(database.db, username)) throw new Error(`用户名 ${username} 已存在`);
    const passwordHash = await hashPassword(password);
    const now = new Date();
    await database.db.transaction().execute(async (trx) => {
      const id = await insertUser(trx, {
        username,
        displayName: values['display-name'] ?? username,
        passwordHash,
        role,
        provinceCode: null,
        cityCode: null,
        schoolId: null,
        departmentId: null,
        orgId: null,
        createdAt: now,
        createdBy: null,
      });
      await recordAudit(trx, { actor: null, requestId: 'cli', clientIp: null }, now, {
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        summary: { username, role, via: 'cli' },
      });
    });
    console.log(`已创建账号 created: ${username} (${role})`);
  } finally {
    await database.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
await runCli(async () => {
  if (command === 'create-user') await createUser(rest);
  else {
    console.log(USAGE);
    process.exitCode = command ? 1 : 0;
  }
}, '请先停止服务器再创建账号，或登录平台由管理员创建 (stop the server first, or create the account in the platform).');
