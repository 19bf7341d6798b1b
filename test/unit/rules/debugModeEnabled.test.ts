import * as assert from 'assert';
import { itFixes, itFlags, itStaysQuiet, spans } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'debug-mode-enabled';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

const flagged: Array<[string, string, string, string[]]> = [
  ['express env', 'server.js', "app.set('env', 'development');", ["'development'"]],
  ['errorhandler', 'server.js', "const errorhandler = require('errorhandler');\napp.use(errorhandler());", ['errorhandler()']],
  ['errorhandler imported under another name', 'server.ts', "import devErrors from 'errorhandler';\napp.use(devErrors({ log: false }));", ['devErrors({ log: false })']],
  ['Apollo debug', 'server.ts', 'new ApolloServer({ schema, debug: true });', ['debug: true']],
  ['Apollo stack traces', 'server.ts', 'new ApolloServer({ schema, includeStacktraceInErrorResponses: true });', ['includeStacktraceInErrorResponses: true']],
  ['Express 3 error handler', 'app.js', 'app.use(express.errorHandler({ dumpExceptions: true, showStack: true }));', ['dumpExceptions: true', 'showStack: true']],
  ['dotenv production', '.env.production', 'NODE_ENV=development\nDEBUG=true\nAPP_DEBUG=1\n', ['development', 'true', '1']],
  ['dotenv prod, quoted, exported', 'deploy/prod.env', 'export NODE_ENV="development"\n', ['development']],
  ['dotenv DEBUG=*', '.env.prod', 'DEBUG=*\n', ['*']],
  ['dotenv APP_ENV=dev', '.env.production', 'APP_ENV=dev\n', ['dev']],
  ['yaml production', 'config/production.yaml', 'app:\n  debug: true\n', ['true']],
  ['compose prod list', 'docker-compose.prod.yml', "services:\n  api:\n    environment:\n      - NODE_ENV=development\n      - 'DEBUG=true'\n", ['development', 'true']],
  ['k8s env pair', 'k8s/prod/api.yaml', 'env:\n  - name: ASPNETCORE_ENVIRONMENT\n    value: Development\n', ['Development']],
  ['Dockerfile ENV', 'Dockerfile', 'FROM node:20\nENV NODE_ENV=development\n', ['development']],
  ['Dockerfile legacy ENV', 'api.dockerfile', 'FROM node:20\nENV NODE_ENV development\n', ['development']],
  ['Dockerfile continued ENV', 'Dockerfile', 'FROM node:20\nENV PORT=3000 \\\n    DEBUG=*\n', ['*']],
];

const quiet: Array<[string, string, string]> = [
  ['guarded errorhandler', 'server.js', "const errorhandler = require('errorhandler');\nif (process.env.NODE_ENV === 'development') { app.use(errorhandler()); }"],
  ['guarded with &&', 'server.js', "const errorhandler = require('errorhandler');\nisDev && app.use(errorhandler());"],
  ['another errorHandler', 'server.js', 'app.use(errorHandler());'],
  ['env from NODE_ENV', 'server.js', "app.set('env', process.env.NODE_ENV || 'production');"],
  ['Apollo debug tied to env', 'server.ts', "new ApolloServer({ schema, debug: process.env.NODE_ENV !== 'production' });"],
  ['introspection', 'server.ts', 'new ApolloServer({ schema, introspection: true });'],
  ['plain .env', '.env', 'NODE_ENV=development\nDEBUG=true\n'],
  ['development dotenv', '.env.development', 'NODE_ENV=development\n'],
  ['production example', '.env.production.example', 'NODE_ENV=development\n'],
  ['debug off', '.env.production', 'DEBUG=false\nAPP_DEBUG=0\nNODE_ENV=production\n'],
  ['log level', '.env.production', 'LOG_LEVEL=debug\n'],
  ['comment', '.env.production', '# NODE_ENV=development\n'],
  ['yaml not production', 'docker-compose.yml', 'services:\n  api:\n    environment:\n      NODE_ENV: development\n'],
  ['yaml log level', 'config/production.yml', 'logging:\n  level: debug\n'],
  ['Dockerfile build stage', 'Dockerfile', 'FROM node:20 AS build\nENV NODE_ENV=development\nRUN npm ci\nFROM node:20-slim\nENV NODE_ENV=production\n'],
  ['Dockerfile later override', 'Dockerfile', 'FROM node:20\nENV NODE_ENV=development\nRUN npm ci\nENV NODE_ENV=production\n'],
  ['development Dockerfile', 'Dockerfile.dev', 'FROM node:20\nENV NODE_ENV=development\n'],
  ['development final stage', 'Dockerfile', 'FROM node:20 AS production\nENV NODE_ENV=production\nFROM node:20 AS development\nENV NODE_ENV=development\n'],
];

describe('rule debug-mode-enabled', () => {
  itFlags(flagged, (path, text) => spans(ruleFindings(path, text), text));

  itStaysQuiet(quiet, (path, text) => spans(ruleFindings(path, text), text));

  const fixes: Array<[string, string, string, string]> = [
    ['dotenv', '.env.production', 'NODE_ENV=development\n', 'NODE_ENV=production\n'],
    ['dotenv debug', '.env.production', 'APP_DEBUG=True\n', 'APP_DEBUG=False\n'],
    ['yaml', 'values-prod.yaml', 'env:\n  NODE_ENV: "development"\n', 'env:\n  NODE_ENV: "production"\n'],
    ['Dockerfile', 'Dockerfile', 'FROM node:20\nENV NODE_ENV=development PORT=80\n', 'FROM node:20\nENV NODE_ENV=production PORT=80\n'],
    ['express env', 'server.js', "app.set('env', 'development');", "app.set('env', 'production');"],
    ['Apollo', 'server.ts', 'new ApolloServer({ schema, debug: true });', 'new ApolloServer({ schema, debug: false });'],
    [
      'errorhandler in a development check',
      'server.js',
      "const errorhandler = require('errorhandler');\napp.use(errorhandler());\n",
      "const errorhandler = require('errorhandler');\nif (process.env.NODE_ENV === 'development') app.use(errorhandler());\n",
    ],
  ];
  itFixes(fixes, ruleFindings);

  it('has no fix for DEBUG=*', async () => {
    const [finding] = await ruleFindings('.env.production', 'DEBUG=*\n');
    assert.deepStrictEqual(finding.fixes, []);
  });
});
