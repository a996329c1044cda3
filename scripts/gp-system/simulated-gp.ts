// A simulated GP clinical system, as an integration engine in front of EMIS Web or SystmOne would
// behave: it refers patients to Linkwell as FHIR R4 ServiceRequests (through fhir-kit-client, not
// hand-written HTTP), subscribes to its Tasks with a rest-hook Subscription, receives each Task
// version on its own small HTTP endpoint, verifies the Standard Webhooks signature, and can also
// poll Task?_lastUpdated. Used by `npm run demo:gp` and by the integration tests.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle, ServiceRequest, Subscription, Task } from 'fhir/r4';
import { Client, type FhirResource } from 'fhir-kit-client';
import { Webhook } from 'standardwebhooks';

const signingSecretExtension = 'https://linkwell.example/fhir/StructureDefinition/webhook-signing-secret';

export type TaskNotification = {
  task: Task;
  receivedAt: Date;
  /** Whether the Standard Webhooks signature verified with the Subscription's secret. */
  isSignatureValid: boolean;
  /** Whether the receiver's own bearer token (sent as a channel header) came back. */
  isAuthorised: boolean;
  webhookId: string;
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export class SimulatedGpSystem {
  readonly fhir: Client;
  readonly notifications: TaskNotification[] = [];
  private server: Server | undefined;
  private signingSecret: string | undefined;
  /** The receiver answers this many notifications with 503 before accepting (to see retries). */
  private failuresToSimulate = 0;
  private readonly inboxToken = randomBytes(16).toString('hex');
  private readonly listeners: ((notification: TaskNotification) => void)[] = [];

  constructor(options: { linkwellUrl: string; apiKey: string }) {
    this.fhir = new Client({
      baseUrl: `${options.linkwellUrl.replace(/\/$/, '')}/fhir`,
      bearerToken: options.apiKey,
    });
  }

  /** Starts the GP system's notification endpoint on 127.0.0.1; returns its base URL. */
  async startReceiver(): Promise<string> {
    this.server = createServer((request, response) => {
      void (async () => {
        const body = await readBody(request);
        if (this.failuresToSimulate > 0) {
          this.failuresToSimulate -= 1;
          response.writeHead(503).end();
          return;
        }
        const headers = {
          'webhook-id': String(request.headers['webhook-id'] ?? ''),
          'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
          'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
        };
        let isSignatureValid = false;
        if (this.signingSecret) {
          try {
            new Webhook(this.signingSecret).verify(body, headers);
            isSignatureValid = true;
          } catch {
            isSignatureValid = false;
          }
        }
        const isAuthorised = request.headers.authorization === `Bearer ${this.inboxToken}`;
        if (request.method === 'PUT' && body) {
          const notification: TaskNotification = {
            task: JSON.parse(body) as Task,
            receivedAt: new Date(),
            isSignatureValid,
            isAuthorised,
            webhookId: headers['webhook-id'],
          };
          this.notifications.push(notification);
          for (const listener of this.listeners) listener(notification);
        }
        response.writeHead(isSignatureValid && isAuthorised ? 200 : 401).end();
      })();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/fhir-inbox`;
  }

  failNextNotifications(count: number): void {
    this.failuresToSimulate = count;
  }

  onTask(listener: (notification: TaskNotification) => void): void {
    this.listeners.push(listener);
  }

  /** Subscribes to every Task this practice's referrals have; keeps the signing secret. */
  async subscribe(endpoint: string, criteria = 'Task'): Promise<Subscription> {
    const created = (await this.fhir.create({
      resourceType: 'Subscription',
      body: {
        resourceType: 'Subscription',
        status: 'requested',
        reason: 'Social prescribing flowback into the GP record',
        criteria,
        channel: {
          type: 'rest-hook',
          endpoint,
          payload: 'application/fhir+json',
          header: [`Authorization: Bearer ${this.inboxToken}`],
        },
      } satisfies Subscription,
    })) as unknown as Subscription;
    this.signingSecret = created.extension?.find(
      (extension) => extension.url === signingSecretExtension,
    )?.valueString;
    return created;
  }

  /** Refers a patient; a retry with the same identifier returns the same referral. */
  async refer(serviceRequest: ServiceRequest): Promise<ServiceRequest> {
    return (await this.fhir.create({
      resourceType: 'ServiceRequest',
      body: serviceRequest as unknown as FhirResource,
    })) as unknown as ServiceRequest;
  }

  /** The referral's Task (same id as the ServiceRequest, found by focus to be explicit). */
  async taskFor(serviceRequestId: string): Promise<Task | undefined> {
    const bundle = (await this.fhir.search({
      resourceType: 'Task',
      searchParams: { focus: `ServiceRequest/${serviceRequestId}` },
    })) as unknown as Bundle;
    return bundle.entry?.[0]?.resource as Task | undefined;
  }

  /** Polling instead of (or as well as) the Subscription: Tasks changed after `since`. */
  async tasksChangedSince(since: string): Promise<Task[]> {
    const bundle = (await this.fhir.search({
      resourceType: 'Task',
      searchParams: { _lastUpdated: `gt${since}` },
    })) as unknown as Bundle;
    return (bundle.entry ?? []).map((entry) => entry.resource as Task);
  }

  /** Notifications received so far for one Task, oldest first. */
  notificationsFor(taskId: string): TaskNotification[] {
    return this.notifications.filter((notification) => notification.task.id === taskId);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
