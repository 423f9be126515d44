import { AuthError, ServerError } from '@azure/msal-node';
import { tokenErrorOf, type TokenContext } from '../../src/graph/token-errors';

const context: TokenContext = {
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: '66666666-7777-8888-9999-000000000000',
  authorityHost: 'https://login.microsoftonline.com',
  graphEndpoint: 'https://graph.microsoft.com',
  credential: 'secret',
};

/** As msal-node builds it from Entra ID's error answer (ResponseHandler.validateTokenResponse). */
function entra(code: string, description: string): ServerError {
  const number = /AADSTS(\d+)/.exec(description)![1]!;
  const full = `${description}\r\nTrace ID: 0a1b\r\nCorrelation ID: 2c3d\r\nTimestamp: 2023-05-04 07:00:00Z`;
  const message = `Error(s): ${number} - Timestamp: 2023-05-04 07:00:00Z - Description: ${full} - Correlation ID: 2c3d - Trace ID: 0a1b`;
  return new ServerError(code, '2c3d', message, undefined, number, 401);
}

describe('why there is no token', () => {
  it('blames a wrong or expired secret, for good, naming the variable', () => {
    const error = tokenErrorOf(entra('invalid_client', "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID."), context);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^Entra ID afviste klienthemmeligheden: AAD_APP_CLIENT_SECRET .* \/ Entra ID refused the client secret: AAD_APP_CLIENT_SECRET/);
    expect(error.detail).toBe('invalid_client: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
    expect(tokenErrorOf(entra('invalid_client', 'AADSTS7000222: The provided client secret keys for app are expired.'), context).text.en).toContain('wrong or expired');
  });

  it('blames the certificate when that is the credential', () => {
    const error = tokenErrorOf(entra('invalid_client', 'AADSTS700027: Client assertion contains an invalid signature.'), { ...context, credential: 'certificate' });
    expect(error).toMatchObject({ retryable: false, text: { da: expect.stringContaining('AAD_APP_CERTIFICATE_PATH') } });
  });

  it('blames the tenant id when the tenant does not exist', () => {
    const error = tokenErrorOf(entra('invalid_request', `AADSTS90002: Tenant '${context.tenantId}' not found.`), context);
    expect(error).toMatchObject({ retryable: false, text: { da: expect.stringContaining('AAD_APP_TENANT_ID'), en: expect.stringContaining('does not exist') } });
  });

  it('blames the client id when the app is unknown in the tenant', () => {
    const error = tokenErrorOf(entra('unauthorized_client', `AADSTS700016: Application with identifier '${context.clientId}' was not found in the directory.`), context);
    expect(error).toMatchObject({ retryable: false, text: { en: expect.stringContaining('AAD_APP_CLIENT_ID') } });
  });

  it('blames the Graph endpoint when Entra ID knows no such resource', () => {
    const error = tokenErrorOf(entra('invalid_resource', "AADSTS500011: The resource principal named https://graph.example.org was not found in the tenant."), context);
    expect(error).toMatchObject({ retryable: false, text: { en: expect.stringContaining('GRAPH_ENDPOINT') } });
  });

  it('tries again when the authority cannot be reached', () => {
    for (const code of ['network_error', 'openid_config_error', 'endpoints_resolution_error']) {
      const error = tokenErrorOf(new AuthError(code, 'fetch failed'), context);
      expect(error).toMatchObject({ retryable: true, text: { da: expect.stringMatching(/^Login-tjenesten https:\/\/login\.microsoftonline\.com kunne ikke nås/) } });
    }
  });

  it('tries again on anything it cannot place, keeping what was said', () => {
    const error = tokenErrorOf(new Error('socket hang up'), context);
    expect(error).toMatchObject({ retryable: true, detail: 'socket hang up' });
  });
});
