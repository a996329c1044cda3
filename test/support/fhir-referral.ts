// The simulated GP system's ServiceRequest, shared with the tests.
export { gpServiceRequest } from '../../scripts/gp-system/referral';
