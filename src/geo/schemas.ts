// The geography API's shapes, in zod: they validate requests and become the OpenAPI document.
import { z } from 'zod';

export const postcodeParams = z.object({
  postcode: z.string().trim().min(1, 'Enter a postcode').max(10, 'A postcode is at most 8 characters'),
});

export const postcodeResolutionResponse = z.object({
  postcode: z.string().describe('The postcode asked about, normalised, e.g. "N17 6HB"'),
  latitude: z.number().describe('WGS84'),
  longitude: z.number().describe('WGS84'),
  boroughCode: z.string().describe('ONS code of the London borough, E09000001–E09000033'),
  boroughName: z.string().nullable(),
  lsoaCode: z
    .string()
    .nullable()
    .describe('LSOA 2011 of the postcode; null when the point is a sector or district centre'),
  precision: z
    .enum(['postcode', 'sector', 'district'])
    .describe('postcode: the live postcode itself; sector or district: the centre of that area'),
  note: z.string().optional().describe('Why the point is only an area centre, in words'),
});

export const boroughResponse = z.object({
  code: z.string(),
  name: z.string(),
  population: z.number().int().describe('Usual residents, Census 2021'),
});

export const boroughListResponse = z.object({ items: z.array(boroughResponse) });
