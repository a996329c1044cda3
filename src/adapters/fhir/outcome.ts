// FHIR errors: every refusal on /fhir is an OperationOutcome naming the failing element by its
// FHIRPath expression (issue.expression), with the HTTP status FHIR's RESTful API prescribes.
import type { AppError } from '../../http/errors';
import type { OperationOutcome, OperationOutcomeIssue } from './types';
import type { SchemaIssue } from './validate';

type IssueCode = OperationOutcomeIssue['code'];

export type FhirIssue = { code: IssueCode; diagnostics: string; expression?: string[] };

export class FhirError extends Error {
  readonly status: number;
  readonly issues: FhirIssue[];
  constructor(status: number, issues: FhirIssue[]) {
    super(issues[0]?.diagnostics ?? 'FHIR request refused');
    this.status = status;
    this.issues = issues;
  }
}

/** 400 for one element: the mappers' checks the JSON schema cannot express. */
export function invalidElement(
  expression: string,
  diagnostics: string,
  code: IssueCode = 'invalid',
): FhirError {
  return new FhirError(400, [{ code, diagnostics, expression: [expression] }]);
}

export function fromSchemaIssues(issues: SchemaIssue[]): FhirError {
  return new FhirError(
    400,
    issues.slice(0, 50).map((issue) => ({
      code: issue.message.startsWith('is required') ? 'required' : 'structure',
      diagnostics: `${issue.expression} ${issue.message}`,
      expression: [issue.expression],
    })),
  );
}

export function operationOutcome(
  issues: FhirIssue[],
  severity: 'error' | 'information' = 'error',
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({
      severity,
      code: issue.code,
      diagnostics: issue.diagnostics,
      ...(issue.expression ? { expression: issue.expression } : {}),
    })),
  };
}

const codeByProblem: Partial<Record<AppError['code'], IssueCode>> = {
  validation_failed: 'invalid',
  malformed_request: 'structure',
  unauthenticated: 'login',
  forbidden: 'forbidden',
  csrf_failed: 'forbidden',
  not_found: 'not-found',
  method_not_allowed: 'not-supported',
  version_conflict: 'conflict',
  conflict: 'duplicate',
  invalid_transition: 'business-rule',
  gone: 'deleted',
  idempotency_key_reused: 'conflict',
  payload_too_large: 'too-costly',
  unsupported_media_type: 'not-supported',
  precondition_required: 'required',
  rate_limited: 'throttled',
  unavailable: 'transient',
};

/**
 * The domain speaks AppError (problem+json field names such as "person.postcode"); on /fhir the
 * same refusal is an OperationOutcome. `fieldToExpression` maps the domain's field names onto the
 * FHIR element the client sent, where the caller knows it.
 */
export function fromAppError(
  error: AppError,
  fieldToExpression: (field: string) => string | undefined = () => undefined,
): FhirError {
  const code = codeByProblem[error.code] ?? 'exception';
  const issues: FhirIssue[] = error.errors?.length
    ? error.errors.map((fieldError) => {
        const expression = fieldToExpression(fieldError.field);
        return {
          code,
          diagnostics: fieldError.detail,
          ...(expression ? { expression: [expression] } : {}),
        };
      })
    : [{ code, diagnostics: error.message }];
  return new FhirError(error.status, issues);
}
