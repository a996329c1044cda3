// `npm run demo:gp`: a simulated GP practice system refers a patient to the running Linkwell over
// FHIR R4, subscribes to the referral's Task, and prints each change as it arrives, while you work
// the case in the web app as the link worker. Start Linkwell first (`npm start`).
//
//   LINKWELL_URL      Linkwell's address (default http://localhost:3000)
//   LINKWELL_API_KEY  the practice system's API key (default: the demo practice's key)
import { parseArgs } from 'node:util';
import type { Task } from 'fhir/r4';
import { demoGpApiKey, demoGpPracticeName } from '../src/demo/api-clients';
import { gpServiceRequest } from './gp-system/referral';
import { SimulatedGpSystem } from './gp-system/simulated-gp';

const finalStatuses = new Set(['completed', 'rejected', 'cancelled', 'failed']);
const patients = [
  { givenName: 'Mabel', familyName: 'Okonkwo', birthDate: '1943-05-17' },
  { givenName: 'Arthur', familyName: 'Lindqvist', birthDate: '1939-11-02' },
  { givenName: 'Nasrin', familyName: 'Haddad', birthDate: '1958-08-23' },
  { givenName: 'Desmond', familyName: 'Achterberg', birthDate: '1950-01-30' },
];

function describeTask(task: Task): string[] {
  const lines = [
    `Task ${task.status}${task.businessStatus?.text ? ` — ${task.businessStatus.text}` : ''} (version ${task.meta?.versionId})`,
  ];
  if (task.statusReason?.text) lines.push(`  reason: ${task.statusReason.text}`);
  for (const output of task.output ?? []) {
    const kind = output.type.text ?? output.type.coding?.[0]?.code;
    const value =
      output.valueReference?.display ??
      output.valueCodeableConcept?.text ??
      output.valueString ??
      output.valueReference?.reference;
    lines.push(`  ${kind}: ${value}`);
  }
  return lines;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    console.log('Usage: npm run demo:gp   (env LINKWELL_URL, LINKWELL_API_KEY)');
    return;
  }
  const linkwellUrl = process.env.LINKWELL_URL ?? 'http://localhost:3000';
  const gp = new SimulatedGpSystem({ linkwellUrl, apiKey: process.env.LINKWELL_API_KEY ?? demoGpApiKey });
  const endpoint = await gp.startReceiver();
  const subscription = await gp.subscribe(endpoint);
  console.log(`${demoGpPracticeName} (simulated GP system)`);
  console.log(`Subscribed to its Tasks (Subscription/${subscription.id}); notifications come to ${endpoint}`);

  const patient = patients[Math.floor(Math.random() * patients.length)]!;
  const referral = await gp.refer(
    gpServiceRequest({
      ...patient,
      postcode: 'N15 5BN',
      reason: 'Lonely since moving into sheltered housing; behind with rent and worried about it.',
    }),
  );
  const reference = referral.identifier?.find((id) => id.system?.endsWith('/sid/referral-reference'))?.value;
  console.log(
    `\nReferred ${patient.givenName} ${patient.familyName}: ServiceRequest/${referral.id}, Linkwell reference ${reference}`,
  );
  console.log(
    `Now work the case in the web app (${linkwellUrl}): sign in as the link worker selin.yildiz@haringey-connect.example,\n` +
      `open ${reference} from the queue, accept it, record a call, refer onward, and close it. Each change appears here.\n`,
  );

  const done = new Promise<void>((resolve) => {
    gp.onTask((notification) => {
      if (notification.task.id !== referral.id) return;
      const time = notification.receivedAt.toLocaleTimeString('en-GB');
      const signature = notification.isSignatureValid ? 'signature verified' : 'SIGNATURE NOT VALID';
      console.log(`${time}  ${describeTask(notification.task).join('\n')}\n          (${signature})`);
      if (finalStatuses.has(notification.task.status)) resolve();
    });
  });
  const stop = async () => {
    await gp.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  await done;
  console.log('\nThe referral is closed: the GP record now has its outcome and coded events.');
  await stop();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
