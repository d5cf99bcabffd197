import { z } from 'zod';
import { AgentCardSignatureSchema, AgentExtensionSchema, AgentProviderSchema } from '../v1/agent-card.js';

/** The v0.3 card's protocol version written by this platform. */
export const V03_PROTOCOL_VERSION = '0.3.0';

const ScopesSchema = z.record(z.string(), z.string());

/** v0.3 `OAuthFlows` (OpenAPI form: no device-code flow, no `pkceRequired`). */
export const V03OAuthFlowsSchema = z.object({
  authorizationCode: z
    .object({
      authorizationUrl: z.string(),
      tokenUrl: z.string(),
      refreshUrl: z.string().optional(),
      scopes: ScopesSchema,
    })
    .optional(),
  clientCredentials: z
    .object({ tokenUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema })
    .optional(),
  implicit: z
    .object({ authorizationUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema })
    .optional(),
  password: z
    .object({ tokenUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema })
    .optional(),
});
export type V03OAuthFlows = z.infer<typeof V03OAuthFlowsSchema>;

const description = z.string().optional();

/** v0.3 `SecurityScheme`: OpenAPI-like, told apart by `type`. */
export const V03SecuritySchemeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('apiKey'),
    description,
    in: z.enum(['query', 'header', 'cookie']),
    name: z.string(),
  }),
  z.object({ type: z.literal('http'), description, scheme: z.string(), bearerFormat: z.string().optional() }),
  z.object({
    type: z.literal('oauth2'),
    description,
    flows: V03OAuthFlowsSchema,
    oauth2MetadataUrl: z.string().optional(),
  }),
  z.object({ type: z.literal('openIdConnect'), description, openIdConnectUrl: z.string() }),
  z.object({ type: z.literal('mutualTLS'), description }),
]);
export type V03SecurityScheme = z.infer<typeof V03SecuritySchemeSchema>;

/** v0.3 security requirement: `{ <schemeName>: [scopes] }`. */
export const V03SecurityRequirementSchema = z.record(z.string(), z.array(z.string()));
export type V03SecurityRequirement = z.infer<typeof V03SecurityRequirementSchema>;

/** v0.3 `AgentInterface`: `{ url, transport }`. */
export const V03AgentInterfaceSchema = z.object({ url: z.string().min(1), transport: z.string().min(1) });
export type V03AgentInterface = z.infer<typeof V03AgentInterfaceSchema>;

/** v0.3 `AgentCapabilities`: has `stateTransitionHistory`, lacks `extendedAgentCard`. */
export const V03AgentCapabilitiesSchema = z.object({
  streaming: z.boolean().optional(),
  pushNotifications: z.boolean().optional(),
  stateTransitionHistory: z.boolean().optional(),
  extensions: z.array(AgentExtensionSchema).optional(),
});
export type V03AgentCapabilities = z.infer<typeof V03AgentCapabilitiesSchema>;

/** v0.3 `AgentSkill`: `security` where v1.0 has `securityRequirements`. */
export const V03AgentSkillSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  examples: z.array(z.string()).optional(),
  inputModes: z.array(z.string()).optional(),
  outputModes: z.array(z.string()).optional(),
  security: z.array(V03SecurityRequirementSchema).optional(),
});
export type V03AgentSkill = z.infer<typeof V03AgentSkillSchema>;

/** v0.3 `AgentCard`: one main `url` + `preferredTransport`, where v1.0 lists `supportedInterfaces`. */
export const V03AgentCardSchema = z.object({
  protocolVersion: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  url: z.string().min(1),
  preferredTransport: z.string().min(1).optional(),
  additionalInterfaces: z.array(V03AgentInterfaceSchema).optional(),
  iconUrl: z.string().optional(),
  provider: AgentProviderSchema.optional(),
  version: z.string().min(1),
  documentationUrl: z.string().optional(),
  capabilities: V03AgentCapabilitiesSchema,
  securitySchemes: z.record(z.string(), V03SecuritySchemeSchema).optional(),
  security: z.array(V03SecurityRequirementSchema).optional(),
  defaultInputModes: z.array(z.string()),
  defaultOutputModes: z.array(z.string()),
  skills: z.array(V03AgentSkillSchema),
  supportsAuthenticatedExtendedCard: z.boolean().optional(),
  signatures: z.array(AgentCardSignatureSchema).optional(),
});
export type V03AgentCard = z.infer<typeof V03AgentCardSchema>;
