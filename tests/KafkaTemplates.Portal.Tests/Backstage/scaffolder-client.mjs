// Drives the portal with Backstage's own ScaffolderClient (@backstage/plugin-scaffolder-common, installed into
// .tools/backstage by scripts/install-test-tools.sh), through every method it has, as a Backstage frontend would:
// its fetchApi adds the user's bearer token, its identityApi names the user. Prints one JSON report; the C# test
// judges it. Arguments: a JSON file { toolsFolder, baseUrl, token, userEntityRef, templateRef, values, failedTaskId }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const require = createRequire(join(input.toolsFolder, 'package.json'));
const { ScaffolderClient } = require('@backstage/plugin-scaffolder-common');
const { ScmIntegrations } = require('@backstage/integration');
const { ConfigReader } = require('@backstage/config');
// fetch-event-source (the client's event stream) is made for a browser: it calls window's timers and, when a stream
// closes, removes its listener from document. A page that is always visible stands in for both.
globalThis.window = globalThis;
globalThis.document = { hidden: false, addEventListener() {}, removeEventListener() {} };

const fetchApi = {
  fetch: (url, init = {}) => fetch(url, { ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${input.token}` } }),
};
const options = {
  discoveryApi: { getBaseUrl: async pluginId => `${input.baseUrl}/api/${pluginId}` },
  fetchApi,
  identityApi: { getBackstageIdentity: async () => ({ type: 'user', userEntityRef: input.userEntityRef, ownershipEntityRefs: [input.userEntityRef] }) },
  scmIntegrationsApi: ScmIntegrations.fromConfig(new ConfigReader({ integrations: { github: [{ host: 'github.com' }] } })),
};
const client = new ScaffolderClient(options);
const polling = new ScaffolderClient({ ...options, useLongPollingLogs: true });

const collect = (observable) => new Promise((resolve, reject) => {
  const events = [];
  observable.subscribe({ next: e => events.push(e), error: reject, complete: () => resolve(events) });
});
const failure = async (promise) => {
  try {
    await promise;
    return null;
  } catch (e) {
    return { name: e.name, statusCode: e.statusCode ?? e.response?.status ?? null, message: e.message };
  }
};

const report = {};
report.getTemplateParameterSchema = await client.getTemplateParameterSchema(input.templateRef);
report.listActions = await client.listActions();
report.listTemplatingExtensions = await client.listTemplatingExtensions();
report.getIntegrationsList = await client.getIntegrationsList({ allowedHosts: ['github.com'] });

const [, ns, name] = /^template:([^/]+)\/(.+)$/.exec(input.templateRef);
const entity = await (await fetchApi.fetch(`${input.baseUrl}/api/catalog/entities/by-name/template/${ns}/${name}`)).json();
report.dryRun = await client.dryRun({ template: entity, values: input.values, secrets: {}, directoryContents: [] });

report.scaffold = await client.scaffold({ templateRef: input.templateRef, values: { ...input.values, name: 'from-backstage' } });
const taskId = report.scaffold.taskId;
report.streamLogs = await collect(client.streamLogs({ taskId }));
report.streamLogsPolling = await collect(polling.streamLogs({ taskId }));
report.getTask = await client.getTask(taskId);
report.listTasksOwned = await client.listTasks({ filterByOwnership: 'owned' });
report.listTasksAll = await client.listTasks({ filterByOwnership: 'all', limit: 10, offset: 0 });
report.cancelTask = await client.cancelTask(taskId);

const failedEvents = await (await fetchApi.fetch(`${input.baseUrl}/api/scaffolder/v2/tasks/${input.failedTaskId}/events`)).json();
report.retry = await client.retry(input.failedTaskId);
report.retryLogs = await collect(client.streamLogs({ taskId: input.failedTaskId, after: failedEvents.at(-1).id }));
report.retriedTask = await client.getTask(input.failedTaskId);
report.autocomplete = await failure(client.autocomplete({ token: 'scm-token', provider: 'github', resource: 'repositories', context: {} }));
report.getTaskOfNobody = await failure(client.getTask('00000000-0000-0000-0000-000000000000'));

console.log(JSON.stringify(report));
