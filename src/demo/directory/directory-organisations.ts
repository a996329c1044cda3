// The voluntary organisations and advice agencies that run the demo directory's services. The
// foundation seed has twenty, all in the three programme boroughs; the directory covers all of
// London, so each borough also gets a handful of invented ones, one for each kind of support
// and an advice agency. Every name is made up from a neighbourhood and a common pattern; any
// likeness to a real charity is chance.
import type { Random } from '../random';
import type { SupportKind } from '../organisations';
import type { DirectoryBorough } from './boroughs';

export type DirectoryOrganisation = {
  id: string;
  name: string;
  type: 'vcse' | 'advice_agency';
  boroughCode: string;
  emailDomain: string;
  supportKinds: readonly SupportKind[];
  /** Service template keys a specialist runs; generalists (undefined) run any of their kinds. */
  templateKeys?: readonly string[];
};

export type InventedOrganisation = Omit<DirectoryOrganisation, 'id'> & {
  boroughName: string;
  description: string;
};

type OrganisationPattern = {
  type: DirectoryOrganisation['type'];
  supportKinds: readonly SupportKind[];
  names: readonly string[];
  description: string;
};

const patterns: readonly OrganisationPattern[] = [
  {
    type: 'vcse',
    supportKinds: ['creative'],
    names: ['{area} Community Garden', '{area} Arts Collective', '{area} Creative Wellbeing'],
    description: 'A small local charity running arts, music, reading and growing activities in {borough}.',
  },
  {
    type: 'vcse',
    supportKinds: ['connected'],
    names: ['Later Life {borough}', '{borough} Older People’s Forum', 'Age Together {borough}'],
    description: 'Befriending, lunch clubs and support for older people and carers across {borough}.',
  },
  {
    type: 'vcse',
    supportKinds: ['connected', 'creative'],
    names: ['{area} Neighbours Together', '{area} Community Association', '{area} Good Neighbours'],
    description: 'A neighbourhood community association in {area}, with groups for all ages.',
  },
  {
    type: 'vcse',
    supportKinds: ['active'],
    names: ['{area} Active Lives Trust', '{borough} Sport and Wellbeing Partnership', 'Move {area}'],
    description: 'Sport, exercise, volunteering and employment support for people in {borough}.',
  },
  {
    type: 'vcse',
    supportKinds: ['safe'],
    names: ['{borough} Food and Warmth Partnership', '{area} Community Pantry Trust', '{area} Safe Steps'],
    description: 'Food, warmth and safety: practical help for households in {borough} under pressure.',
  },
  {
    type: 'advice_agency',
    supportKinds: ['safe'],
    names: ['{area} Advice Project', '{borough} Money and Rights Advice', '{area} Community Advice'],
    description: 'Free, independent advice on benefits, housing, debt and other legal problems.',
  },
];

const fill = (text: string, borough: DirectoryBorough, area: string) =>
  text.replaceAll('{borough}', borough.name).replaceAll('{area}', area);

/** 'St Ann’s Advice Project' → 'stannsadviceproject.example' */
export function emailDomainOf(name: string): string {
  return `${name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '')}.example`;
}

/** One organisation of each pattern per borough, in borough order: no database, no ids. */
export function inventDirectoryOrganisations(
  random: Random,
  boroughs: readonly DirectoryBorough[],
): InventedOrganisation[] {
  const usedNames = new Set<string>();
  return boroughs.flatMap((borough) =>
    patterns.map((pattern) => {
      let name = '';
      let area = '';
      // A few tries give distinct names when two patterns land on the same neighbourhood.
      for (let attempt = 0; attempt < 5 && (name === '' || usedNames.has(name)); attempt++) {
        area = random.pick(borough.areas);
        name = fill(random.pick(pattern.names), borough, area);
      }
      if (usedNames.has(name)) name = `${name} (${borough.name})`;
      usedNames.add(name);
      return {
        name,
        type: pattern.type,
        boroughCode: borough.code,
        boroughName: borough.name,
        emailDomain: emailDomainOf(name),
        supportKinds: pattern.supportKinds,
        description: fill(pattern.description, borough, area),
      };
    }),
  );
}

/** Groups organisations by borough code, keeping their order: the generator's third argument. */
export function groupByBorough<T extends { boroughCode: string }>(
  organisations: readonly T[],
): Map<string, T[]> {
  const byBorough = new Map<string, T[]>();
  for (const organisation of organisations) {
    const list = byBorough.get(organisation.boroughCode) ?? [];
    list.push(organisation);
    byBorough.set(organisation.boroughCode, list);
  }
  return byBorough;
}
