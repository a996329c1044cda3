// GET /fhir/metadata: what this server truthfully supports, assembled from the modules' own
// declarations (module.ts), so adding a route and declaring it happen in the same file.
import type { Config } from '../../config';
import type { FhirModule } from './module';
import { fhirBase } from './search';
import type { CapabilityStatement } from './types';
import { fhirContentType } from './urls';

export function capabilityStatement(config: Config, modules: FhirModule[]): CapabilityStatement {
  const base = fhirBase(config.publicUrl);
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-02',
    publisher: 'Linkwell',
    kind: 'instance',
    software: { name: 'Linkwell', version: '0.1.0' },
    implementation: {
      description: 'Linkwell social prescribing: referrals in, Task flowback, directory and outcome measures',
      url: base,
    },
    fhirVersion: '4.0.1',
    format: [fhirContentType, 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Referrals follow the Gravity Project closed-loop pattern: POST a ServiceRequest, then follow its Task ' +
          '(read, search with _lastUpdated, or a rest-hook Subscription). Errors are OperationOutcome resources ' +
          'naming the failing element.',
        security: {
          // SMART's way of naming the token endpoint (also at /.well-known/smart-configuration).
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: `${config.publicUrl}/oauth2/token` }],
            },
          ],
          cors: false,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'OAuth',
                  display: 'OAuth',
                },
              ],
              text:
                'Authorization: Bearer with a Linkwell API key, or an access token from POST /oauth2/token ' +
                '(client credentials with a signed JWT assertion, as SMART Backend Services).',
            },
          ],
        },
        resource: modules.flatMap((module) => module.capabilities),
      },
    ],
  };
}
