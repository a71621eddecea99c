// A real OpenID provider for the portal's sign-in tests: node_modules/oidc-provider (9.x, installed into
// .tools/oidc by scripts/install-test-tools.sh), on loopback, configured from a JSON file:
//   { modulePath, port, readyFile, keysFile, webClientId,
//     apiClients: [{ id, secret, groups, ttlSeconds }], accounts: { login: [groups] } }
// The web client is a public native client (PKCE, any loopback port); the API clients get JWT access tokens with
// the client_credentials grant, with `sub` = client id and their groups in `groups`. The signing key is read from
// keysFile, or made and written there when it does not exist: a new file is a rotated key.
// port 0 lets the system choose a free port as the server binds it (a port chosen earlier by the test could be taken
// by then); the issuer is http://127.0.0.1:PORT of the port bound. Once it answers, the provider writes
// { port, issuer } to readyFile (renamed into place, never half written), which is what the test waits for. Each step
// is printed with the seconds since start, so a provider that does not come up shows how far it got.
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';

const step = what => console.log(`${process.uptime().toFixed(2)}s ${what}`);
const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
step(`loading ${config.modulePath}`);
const { default: Provider } = await import(config.modulePath);

if (!existsSync(config.keysFile)) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  writeFileSync(config.keysFile + '.tmp', JSON.stringify({ keys: [jwk] }));
  renameSync(config.keysFile + '.tmp', config.keysFile);
}
const jwks = JSON.parse(readFileSync(config.keysFile, 'utf8'));
step(`signing key ${jwks.keys[0].kid} from ${config.keysFile}`);
const apiClients = new Map(config.apiClients.map(c => [c.id, c]));

const server = createServer();
server.on('error', e => {
  console.error(`cannot listen on 127.0.0.1:${config.port}: ${e.message}`);
  process.exit(3);
});
await new Promise(listening => server.listen(config.port, '127.0.0.1', listening));
const port = server.address().port;
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  jwks,
  clients: [
    {
      client_id: config.webClientId,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/signin-oidc'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    ...config.apiClients.map(c => ({
      client_id: c.id,
      client_secret: c.secret,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    })),
  ],
  cookies: { keys: ['test-only-cookie-key'] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['groups', 'name'] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, name: id, groups: config.accounts[id] ?? [] }),
  }),
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (_ctx, _client, oneOf) => oneOf,
      useGrantedResource: async () => false,
      getResourceServerInfo: async (_ctx, resource) => ({ audience: resource, scope: 'api', accessTokenFormat: 'jwt' }),
    },
  },
  extraTokenClaims: async (_ctx, token) =>
    token.kind === 'ClientCredentials' ? { groups: apiClients.get(token.clientId)?.groups ?? [] } : undefined,
  ttl: {
    ClientCredentials: (_ctx, _token, client) => apiClients.get(client.clientId)?.ttlSeconds ?? 600,
  },
});
provider.proxy = false;
server.on('request', provider.callback());
step(`listening on ${issuer}`);
writeFileSync(config.readyFile + '.tmp', JSON.stringify({ port, issuer }));
renameSync(config.readyFile + '.tmp', config.readyFile);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
