// The closed loop with a GP system, end to end over real HTTP: the simulated GP system (FHIR client
// library, its own receiver) refers a patient and subscribes; the link worker works the case
// through the web app's API; the webhook worker delivers each Task version, signed, retrying when
// the GP's receiver fails; the final Task carries the onward referral, the outcome and SNOMED CT
// coded events. The same flow is `npm run demo:gp`.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  programmeReferringOrganisations,
  webhookDeliveries,
  webhookDeliveryAttempts,
} from '../src/db/schema';
import { runWebhookDeliveryPass } from '../src/webhooks/worker';
import { SimulatedGpSystem } from '../scripts/gp-system/simulated-gp';
import { gpServiceRequest } from '../scripts/gp-system/referral';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam, buildService } from './support/factories';
import { buildApiClient, expectValidFhir } from './support/fhir';
import { HttpClient } from './support/http-client';

let t: TestApp;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('GP system ⇄ Linkwell over FHIR R4', () => {
  it('refers, subscribes and receives every Task change until the coded outcome', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const gpId = team.referrer.user.organisationId!;
    await t.db
      .insert(programmeReferringOrganisations)
      .values({ programmeId: team.programme.id, organisationId: gpId });
    const { key } = await buildApiClient(t.db, gpId, 'Simulated GP system');
    const gp = new SimulatedGpSystem({ linkwellUrl: t.baseUrl, apiKey: key });
    try {
      const endpoint = await gp.startReceiver();
      const subscription = await gp.subscribe(endpoint);
      expectValidFhir(subscription);
      expect(subscription.status).toBe('active');
      const deliver = async (now?: Date) => runWebhookDeliveryPass({ db: t.db, log: quiet, now });

      // 1. The referral arrives; its Task is "received" and the GP hears so.
      const referralBody = gpServiceRequest({ familyName: 'Loopfield' });
      const serviceRequest = await gp.refer(referralBody);
      expectValidFhir(serviceRequest);
      const id = serviceRequest.id!;
      expect((await gp.taskFor(id))?.status).toBe('received');
      await deliver();
      expect(gp.notificationsFor(id).map((n) => n.task.status)).toEqual(['received']);

      // A retry of the same ServiceRequest (say, after a timeout) makes nothing new.
      expect((await gp.refer(referralBody)).id).toBe(id);

      // 2. The link worker accepts it in the web app; the GP's receiver is down for the first try.
      const linkWorker = new HttpClient(t.baseUrl);
      await linkWorker.signIn(team.linkWorker.user.email, team.linkWorker.password);
      const version = async () => (await linkWorker.get(`/api/referrals/${id}`)).body.version as number;
      gp.failNextNotifications(1);
      expect(
        (
          await linkWorker.post(`/api/referrals/${id}/actions`, {
            action: 'accept',
            version: await version(),
          })
        ).status,
      ).toBe(200);
      const failed = await deliver();
      expect(failed.retried).toBe(1);
      expect(gp.notificationsFor(id)).toHaveLength(1);
      const retried = await deliver(new Date(Date.now() + 60_000));
      expect(retried.delivered).toBe(1);
      expect(gp.notificationsFor(id).map((n) => n.task.status)).toEqual(['received', 'accepted']);

      // 3. First conversation, 4. an onward referral, 5. closure.
      expect(
        (
          await linkWorker.post(`/api/referrals/${id}/contacts`, {
            mode: 'phone',
            outcome: 'reached',
            version: await version(),
          })
        ).status,
      ).toBe(201);
      await deliver();
      const service = await buildService(t.db, {
        name: 'Tuesday gardening group',
        organisationId: team.providerStaff.user.organisationId!,
      });
      expect(
        (
          await linkWorker.post(`/api/referrals/${id}/onward-referrals`, {
            serviceId: service,
            needs: ['loneliness'],
          })
        ).status,
      ).toBe(201);
      await deliver();
      expect(
        (
          await linkWorker.post(`/api/referrals/${id}/actions`, {
            action: 'close',
            reason: 'connected_to_services',
            outcomeSummary: 'Goes to a gardening group on Tuesdays.',
            version: await version(),
          })
        ).status,
      ).toBe(200);
      await deliver();

      // Every status change reached the GP, in order, signed and with the GP's own credentials.
      const received = gp.notificationsFor(id);
      expect(received.map((n) => n.task.status)).toEqual([
        'received',
        'accepted',
        'in-progress',
        'in-progress',
        'completed',
      ]);
      expect(received.every((n) => n.isSignatureValid && n.isAuthorised)).toBe(true);
      const versions = received.map((n) => Number(n.task.meta!.versionId));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      for (const notification of received) expectValidFhir(notification.task);

      // The final Task: the onward referral, the outcome at closure and coded events to file.
      const final = received.at(-1)!.task;
      const outputs = (code: string) => final.output!.filter((o) => o.type.coding![0]!.code === code);
      expect(outputs('onward-referral')[0]!.valueReference!.display).toContain('Tuesday gardening group');
      expect(outputs('closure-outcome')[0]!.valueCodeableConcept!.coding![0]!.code).toBe(
        'connected_to_services',
      );
      const coded = final.contained!.map(
        (resource) => (resource as { code: { coding: { code: string }[] } }).code.coding[0]!.code,
      );
      expect(coded).toEqual(expect.arrayContaining(['871731000000106', '1362721000000106']));
      expect((await gp.taskFor(id))!.meta!.versionId).toBe(final.meta!.versionId);

      // The delivery log shows the failed attempt and the retry.
      const deliveries = await t.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.resourceId, id));
      expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
      const attempts = await t.db
        .select()
        .from(webhookDeliveryAttempts)
        .where(
          inArray(
            webhookDeliveryAttempts.deliveryId,
            deliveries.map((d) => d.id),
          ),
        );
      expect(attempts.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 503]);

      // Polling sees the same final state.
      const polled = await gp.tasksChangedSince(received[0]!.task.meta!.lastUpdated!);
      expect(polled.map((task) => task.meta!.versionId)).toEqual([final.meta!.versionId]);
    } finally {
      await gp.close();
    }
  });
});
