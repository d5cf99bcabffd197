import { z } from 'zod';
import { JsonObjectSchema } from './json.js';

export const PROTOCOL_BINDINGS = { JSONRPC: 'JSONRPC', HTTP_JSON: 'HTTP+JSON', GRPC: 'GRPC' } as const;

export const AgentInterfaceSchema = z.object({
  url: z.string().min(1),
  protocolBinding: z.string().min(1),
  tenant: z.string().optional(),
  protocolVersion: z.string().min(1),
});
export type AgentInterface = z.infer<typeof AgentInterfaceSchema>;

export const AgentProviderSchema = z.object({ url: z.string(), organization: z.string() });
export type AgentProvider = z.infer<typeof AgentProviderSchema>;

export const AgentExtensionSchema = z.object({
  uri: z.string(),
  description: z.string().optional(),
  required: z.boolean().optional(),
  params: JsonObjectSchema.optional(),
});
export type AgentExtension = z.infer<typeof AgentExtensionSchema>;

export const AgentCapabilitiesSchema = z.object({
  streaming: z.boolean().optional(),
  pushNotifications: z.boolean().optional(),
  extensions: z.array(AgentExtensionSchema).optional(),
  extendedAgentCard: z.boolean().optional(),
});
export type AgentCapabilities = z.infer<typeof AgentCapabilitiesSchema>;

const ScopesSchema = z.record(z.string(), z.string());

const OAuthFlowsSchema = z.object({
  authorizationCode: z
    .object({
      authorizationUrl: z.string(),
      tokenUrl: z.string(),
      refreshUrl: z.string().optional(),
      scopes: ScopesSchema,
      pkceRequired: z.boolean().optional(),
    })
    .optional(),
  clientCredentials: z
    .object({ tokenUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema })
    .optional(),
  implicit: z
    .object({
      authorizationUrl: z.string().optional(),
      refreshUrl: z.string().optional(),
      scopes: ScopesSchema.optional(),
    })
    .optional(),
  password: z
    .object({
      tokenUrl: z.string().optional(),
      refreshUrl: z.string().optional(),
      scopes: ScopesSchema.optional(),
    })
    .optional(),
  deviceCode: z
    .object({
      deviceAuthorizationUrl: z.string(),
      tokenUrl: z.string(),
      refreshUrl: z.string().optional(),
      scopes: ScopesSchema,
    })
    .optional(),
});

/** One of the five scheme kinds, keyed by its ProtoJSON oneof member name. */
export const SecuritySchemeSchema = z.object({
  apiKeySecurityScheme: z
    .object({ description: z.string().optional(), location: z.string(), name: z.string() })
    .optional(),
  httpAuthSecurityScheme: z
    .object({
      description: z.string().optional(),
      scheme: z.string(),
      bearerFormat: z.string().optional(),
    })
    .optional(),
  oauth2SecurityScheme: z
    .object({
      description: z.string().optional(),
      flows: OAuthFlowsSchema,
      oauth2MetadataUrl: z.string().optional(),
    })
    .optional(),
  openIdConnectSecurityScheme: z
    .object({ description: z.string().optional(), openIdConnectUrl: z.string() })
    .optional(),
  mtlsSecurityScheme: z.object({ description: z.string().optional() }).optional(),
});
export type SecurityScheme = z.infer<typeof SecuritySchemeSchema>;

/** `{ schemes: { <schemeName>: { list: [scopes] } } }` */
export const SecurityRequirementSchema = z.object({
  schemes: z.record(z.string(), z.object({ list: z.array(z.string()) })),
});
export type SecurityRequirement = z.infer<typeof SecurityRequirementSchema>;

export const AgentSkillSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  examples: z.array(z.string()).optional(),
  inputModes: z.array(z.string()).optional(),
  outputModes: z.array(z.string()).optional(),
  securityRequirements: z.array(SecurityRequirementSchema).optional(),
});
export type AgentSkill = z.infer<typeof AgentSkillSchema>;

export const AgentCardSignatureSchema = z.object({
  protected: z.string(),
  signature: z.string(),
  header: JsonObjectSchema.optional(),
});
export type AgentCardSignature = z.infer<typeof AgentCardSignatureSchema>;

export const AgentCardSchema = z.object({
  name: z.string().min(1),
  description: z.string(),
  supportedInterfaces: z.array(AgentInterfaceSchema).min(1),
  provider: AgentProviderSchema.optional(),
  version: z.string().min(1),
  documentationUrl: z.string().optional(),
  capabilities: AgentCapabilitiesSchema,
  securitySchemes: z.record(z.string(), SecuritySchemeSchema).optional(),
  securityRequirements: z.array(SecurityRequirementSchema).optional(),
  defaultInputModes: z.array(z.string()),
  defaultOutputModes: z.array(z.string()),
  skills: z.array(AgentSkillSchema),
  signatures: z.array(AgentCardSignatureSchema).optional(),
  iconUrl: z.string().optional(),
});
export type AgentCard = z.infer<typeof AgentCardSchema>;
