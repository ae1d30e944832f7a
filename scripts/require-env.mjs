// Fails with a clear message when a required environment variable is missing (npm scripts guard).
const missing = process.argv.slice(2).filter((name) => !process.env[name]);
if (missing.length) {
  console.error(`需要设置环境变量 required environment variable(s): ${missing.join(', ')}`);
  console.error('例如 e.g.: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:pg');
  process.exit(1);
}
