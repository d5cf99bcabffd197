import { A2AErrors } from '../errors.js';
import type { SecurityRequirement, SecurityScheme } from '../v1/agent-card.js';
import type { V03OAuthFlows, V03SecurityRequirement, V03SecurityScheme } from '../v03/agent-card.js';
import { omitUndefined } from './omit-undefined.js';

type OAuthFlows = NonNullable<SecurityScheme['oauth2SecurityScheme']>['flows'];

const API_KEY_LOCATIONS = ['query', 'header', 'cookie'] as const;
type ApiKeyLocation = (typeof API_KEY_LOCATIONS)[number];

function isApiKeyLocation(location: string): location is ApiKeyLocation {
  return (API_KEY_LOCATIONS as readonly string[]).includes(location);
}

/**
 * v0.3 flows are OpenAPI's: no device-code flow and no `pkceRequired`, both dropped. v0.3 requires
 * `authorizationUrl` on implicit and `tokenUrl` on password flows (optional in v1.0): a deprecated flow
 * without them is dropped, and missing scopes become `{}`.
 */
function flowsToV03(flows: OAuthFlows): V03OAuthFlows {
  const { authorizationCode, clientCredentials, implicit, password } = flows;
  return omitUndefined({
    authorizationCode:
      authorizationCode &&
      omitUndefined({
        authorizationUrl: authorizationCode.authorizationUrl,
        tokenUrl: authorizationCode.tokenUrl,
        refreshUrl: authorizationCode.refreshUrl,
        scopes: authorizationCode.scopes,
      }),
    clientCredentials: clientCredentials && omitUndefined({ ...clientCredentials }),
    implicit:
      implicit?.authorizationUrl === undefined
        ? undefined
        : omitUndefined({
            authorizationUrl: implicit.authorizationUrl,
            refreshUrl: implicit.refreshUrl,
            scopes: implicit.scopes ?? {},
          }),
    password:
      password?.tokenUrl === undefined
        ? undefined
        : omitUndefined({
            tokenUrl: password.tokenUrl,
            refreshUrl: password.refreshUrl,
            scopes: password.scopes ?? {},
          }),
  });
}

/**
 * A v1.0 security scheme (`{ <kind>SecurityScheme: {...} }`) as the v0.3 OpenAPI-like form with `type`:
 * apiKey (`location` -> `in`), http, oauth2, openIdConnect, mutualTLS. Throws INVALID_PARAMS for an
 * empty scheme or an API key location other than query, header or cookie.
 */
export function securitySchemeToV03(scheme: SecurityScheme): V03SecurityScheme {
  const { apiKeySecurityScheme: apiKey, httpAuthSecurityScheme: http } = scheme;
  const {
    oauth2SecurityScheme: oauth2,
    openIdConnectSecurityScheme: oidc,
    mtlsSecurityScheme: mtls,
  } = scheme;
  if (apiKey) {
    if (!isApiKeyLocation(apiKey.location)) {
      throw A2AErrors.invalidParams(`API key location '${apiKey.location}' is not query, header or cookie`);
    }
    return omitUndefined({
      type: 'apiKey' as const,
      description: apiKey.description,
      in: apiKey.location,
      name: apiKey.name,
    });
  }
  if (http) {
    return omitUndefined({
      type: 'http' as const,
      description: http.description,
      scheme: http.scheme,
      bearerFormat: http.bearerFormat,
    });
  }
  if (oauth2) {
    return omitUndefined({
      type: 'oauth2' as const,
      description: oauth2.description,
      flows: flowsToV03(oauth2.flows),
      oauth2MetadataUrl: oauth2.oauth2MetadataUrl,
    });
  }
  if (oidc) {
    return omitUndefined({
      type: 'openIdConnect' as const,
      description: oidc.description,
      openIdConnectUrl: oidc.openIdConnectUrl,
    });
  }
  if (mtls) return omitUndefined({ type: 'mutualTLS' as const, description: mtls.description });
  throw A2AErrors.invalidParams('A security scheme needs one of its five kinds');
}

/** A v0.3 security scheme (`type` form) as the v1.0 one-of form; the inverse of {@link securitySchemeToV03}. */
export function securitySchemeFromV03(scheme: V03SecurityScheme): SecurityScheme {
  const description = scheme.description;
  switch (scheme.type) {
    case 'apiKey':
      return {
        apiKeySecurityScheme: omitUndefined({ description, location: scheme.in, name: scheme.name }),
      };
    case 'http':
      return {
        httpAuthSecurityScheme: omitUndefined({
          description,
          scheme: scheme.scheme,
          bearerFormat: scheme.bearerFormat,
        }),
      };
    case 'oauth2':
      return {
        oauth2SecurityScheme: omitUndefined({
          description,
          flows: omitUndefined({ ...scheme.flows }),
          oauth2MetadataUrl: scheme.oauth2MetadataUrl,
        }),
      };
    case 'openIdConnect':
      return {
        openIdConnectSecurityScheme: omitUndefined({
          description,
          openIdConnectUrl: scheme.openIdConnectUrl,
        }),
      };
    case 'mutualTLS':
      return { mtlsSecurityScheme: omitUndefined({ description }) };
  }
}

/** `{ schemes: { name: { list: scopes } } }` (v1.0) -> `{ name: scopes }` (v0.3). */
export function securityRequirementToV03(requirement: SecurityRequirement): V03SecurityRequirement {
  return Object.fromEntries(Object.entries(requirement.schemes).map(([name, scopes]) => [name, scopes.list]));
}

/** `{ name: scopes }` (v0.3) -> `{ schemes: { name: { list: scopes } } }` (v1.0). */
export function securityRequirementFromV03(requirement: V03SecurityRequirement): SecurityRequirement {
  return {
    schemes: Object.fromEntries(Object.entries(requirement).map(([name, list]) => [name, { list }])),
  };
}
