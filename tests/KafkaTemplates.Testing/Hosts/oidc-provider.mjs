// A real OpenID provider for the portal's sign-in tests: node_modules/oidc-provider (9.x, installed into
// .tools/oidc by scripts/install-test-tools.sh), on loopback, configured from a JSON file:
//   { modulePath, port, issuer, audience, keysFile, webClientId,
//     apiClients: [{ id, secret, groups, ttlSeconds }], accounts: { login: [groups] } }
// The web client is a public native client (PKCE, any loopback port); the API clients get JWT access tokens with
// the client_credentials grant, with `sub` = client id and their groups in `groups`. The signing key is read from
// keysFile, or made and written there when it does not exist: a new file is a rotated key.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { generateKeyPairSync, randomUUID } from 'node:crypto';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { default: Provider } = await import(config.modulePath);

if (!existsSync(config.keysFile)) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  writeFileSync(config.keysFile, JSON.stringify({ keys: [jwk] }));
}
const jwks = JSON.parse(readFileSync(config.keysFile, 'utf8'));
const apiClients = new Map(config.apiClients.map(c => [c.id, c]));

const provider = new Provider(config.issuer, {
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
const server = provider.listen(config.port, '127.0.0.1');
server.on('listening', () => console.log(`listening ${config.port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
