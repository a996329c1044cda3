// Five real, live postcodes in each of the 33 London boroughs, with their coordinates, for the
// demo directory's service locations. Copied (not read at run time) from the shared London
// geography: every live postcode of OS positional quality 10 whose postcode district lies mainly
// in the borough, sorted, and taken at fixed points through the list so each borough's sample
// spreads across its districts. Large-user and non-geographic districts are left out.
//   Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal
//   Mail copyright and database right 2025. Contains National Statistics data © Crown copyright and
//   database right 2025. Licensed under the Open Government Licence v3.0.
// (OS Code-Point Open 2025.4.0; coordinates converted from OSGB36 to WGS84.)

export type DemoPostcode = { postcode: string; latitude: number; longitude: number };

/** Keyed by ONS borough code (E09000001 City of London … E09000033 Westminster). */
export const postcodesByBorough: Record<string, readonly DemoPostcode[]> = {
  E09000001: [
    // City of London
    { postcode: 'EC1A 9HF', latitude: 51.519974, longitude: -0.098409 },
    { postcode: 'EC2V 6AT', latitude: 51.513944, longitude: -0.094192 },
    { postcode: 'EC3M 7AA', latitude: 51.512409, longitude: -0.08277 },
    { postcode: 'EC4A 2BH', latitude: 51.514304, longitude: -0.106414 },
    { postcode: 'EC4V 3DS', latitude: 51.511794, longitude: -0.101906 },
  ],
  E09000002: [
    // Barking and Dagenham
    { postcode: 'IG11 0NQ', latitude: 51.529052, longitude: 0.10211 },
    { postcode: 'IG11 8PF', latitude: 51.541866, longitude: 0.07742 },
    { postcode: 'RM8 2DT', latitude: 51.553209, longitude: 0.113971 },
    { postcode: 'RM9 5BP', latitude: 51.5495, longitude: 0.140007 },
    { postcode: 'RM10 7XA', latitude: 51.548819, longitude: 0.163399 },
  ],
  E09000003: [
    // Barnet
    { postcode: 'EN5 1BG', latitude: 51.640873, longitude: -0.183857 },
    { postcode: 'HA8 8TY', latitude: 51.624681, longitude: -0.272834 },
    { postcode: 'N11 3JG', latitude: 51.614421, longitude: -0.156372 },
    { postcode: 'NW4 2TR', latitude: 51.583653, longitude: -0.220103 },
    { postcode: 'NW9 5TR', latitude: 51.60375, longitude: -0.24635 },
  ],
  E09000004: [
    // Bexley
    { postcode: 'DA1 4QH', latitude: 51.456772, longitude: 0.196039 },
    { postcode: 'DA7 4QW', latitude: 51.46432, longitude: 0.133039 },
    { postcode: 'DA8 2FA', latitude: 51.47424, longitude: 0.190109 },
    { postcode: 'DA15 0EN', latitude: 51.435945, longitude: 0.101329 },
    { postcode: 'DA16 2QG', latitude: 51.45817, longitude: 0.085032 },
  ],
  E09000005: [
    // Brent
    { postcode: 'HA0 2BT', latitude: 51.55235, longitude: -0.298278 },
    { postcode: 'HA9 6BN', latitude: 51.551082, longitude: -0.285878 },
    { postcode: 'NW2 4BN', latitude: 51.546136, longitude: -0.20765 },
    { postcode: 'NW10 0QY', latitude: 51.54402, longitude: -0.270352 },
    { postcode: 'NW10 5QB', latitude: 51.531576, longitude: -0.227686 },
  ],
  E09000006: [
    // Bromley
    { postcode: 'BR1 2RJ', latitude: 51.404386, longitude: 0.035266 },
    { postcode: 'BR2 8PW', latitude: 51.371282, longitude: 0.041011 },
    { postcode: 'BR3 6SW', latitude: 51.391187, longitude: -0.009404 },
    { postcode: 'BR6 0AS', latitude: 51.374219, longitude: 0.095211 },
    { postcode: 'BR7 6DB', latitude: 51.421074, longitude: 0.064213 },
  ],
  E09000007: [
    // Camden
    { postcode: 'NW1 1BU', latitude: 51.531811, longitude: -0.136066 },
    { postcode: 'NW3 2BP', latitude: 51.544149, longitude: -0.153733 },
    { postcode: 'NW5 2HG', latitude: 51.553533, longitude: -0.140414 },
    { postcode: 'NW6 5PB', latitude: 51.537572, longitude: -0.189875 },
    { postcode: 'WC1H 9RE', latitude: 51.525382, longitude: -0.125978 },
  ],
  E09000008: [
    // Croydon
    { postcode: 'CR0 1FJ', latitude: 51.370788, longitude: -0.101824 },
    { postcode: 'CR0 5UN', latitude: 51.36907, longitude: -0.087988 },
    { postcode: 'CR2 6DX', latitude: 51.354368, longitude: -0.106323 },
    { postcode: 'CR7 6DN', latitude: 51.396052, longitude: -0.123232 },
    { postcode: 'SE19 1AS', latitude: 51.419527, longitude: -0.088472 },
  ],
  E09000009: [
    // Ealing
    { postcode: 'UB1 2NA', latitude: 51.513499, longitude: -0.370113 },
    { postcode: 'UB5 5SN', latitude: 51.549364, longitude: -0.384092 },
    { postcode: 'UB6 9TH', latitude: 51.534645, longitude: -0.358876 },
    { postcode: 'W5 1DR', latitude: 51.53261, longitude: -0.299389 },
    { postcode: 'W7 2HX', latitude: 51.50285, longitude: -0.338579 },
  ],
  E09000010: [
    // Enfield
    { postcode: 'EN1 2HB', latitude: 51.636809, longitude: -0.080982 },
    { postcode: 'EN2 7QL', latitude: 51.659597, longitude: -0.104324 },
    { postcode: 'EN3 7GJ', latitude: 51.671824, longitude: -0.021826 },
    { postcode: 'N13 4NU', latitude: 51.613762, longitude: -0.118786 },
    { postcode: 'N18 2AA', latitude: 51.613116, longitude: -0.063609 },
  ],
  E09000011: [
    // Greenwich
    { postcode: 'SE2 9NE', latitude: 51.491718, longitude: 0.1099 },
    { postcode: 'SE7 8EJ', latitude: 51.486361, longitude: 0.046304 },
    { postcode: 'SE9 6HN', latitude: 51.460837, longitude: 0.039217 },
    { postcode: 'SE18 1EP', latitude: 51.489316, longitude: 0.094894 },
    { postcode: 'SE18 6JH', latitude: 51.491264, longitude: 0.06466 },
  ],
  E09000012: [
    // Hackney
    { postcode: 'E5 0RQ', latitude: 51.555509, longitude: -0.048861 },
    { postcode: 'E8 2BD', latitude: 51.553014, longitude: -0.065989 },
    { postcode: 'E9 5LJ', latitude: 51.544743, longitude: -0.028886 },
    { postcode: 'EC2A 4ER', latitude: 51.524495, longitude: -0.083344 },
    { postcode: 'N16 6UA', latitude: 51.573976, longitude: -0.071493 },
  ],
  E09000013: [
    // Hammersmith and Fulham
    { postcode: 'SW6 1TX', latitude: 51.486993, longitude: -0.196546 },
    { postcode: 'SW6 4UE', latitude: 51.472785, longitude: -0.202362 },
    { postcode: 'W6 0JF', latitude: 51.494916, longitude: -0.234352 },
    { postcode: 'W12 0BP', latitude: 51.516289, longitude: -0.248068 },
    { postcode: 'W12 9RW', latitude: 51.501468, longitude: -0.245539 },
  ],
  E09000014: [
    // Haringey
    { postcode: 'N4 3RT', latitude: 51.570473, longitude: -0.112681 },
    { postcode: 'N8 8EL', latitude: 51.577403, longitude: -0.129886 },
    { postcode: 'N15 4AE', latitude: 51.587135, longitude: -0.085934 },
    { postcode: 'N17 6EH', latitude: 51.591613, longitude: -0.082093 },
    { postcode: 'N22 5DU', latitude: 51.599003, longitude: -0.096886 },
  ],
  E09000015: [
    // Harrow
    { postcode: 'HA1 2EH', latitude: 51.582893, longitude: -0.33058 },
    { postcode: 'HA2 0UR', latitude: 51.570091, longitude: -0.363992 },
    { postcode: 'HA3 5PY', latitude: 51.603396, longitude: -0.347807 },
    { postcode: 'HA5 1JP', latitude: 51.574423, longitude: -0.385916 },
    { postcode: 'HA7 2AN', latitude: 51.602147, longitude: -0.321239 },
  ],
  E09000016: [
    // Havering
    { postcode: 'RM1 3HG', latitude: 51.580316, longitude: 0.185016 },
    { postcode: 'RM3 8AU', latitude: 51.600671, longitude: 0.215957 },
    { postcode: 'RM7 1UU', latitude: 51.570141, longitude: 0.170703 },
    { postcode: 'RM12 4JB', latitude: 51.561829, longitude: 0.217978 },
    { postcode: 'RM13 9HW', latitude: 51.514381, longitude: 0.199904 },
  ],
  E09000017: [
    // Hillingdon
    { postcode: 'HA4 6HA', latitude: 51.568157, longitude: -0.42234 },
    { postcode: 'HA6 2RT', latitude: 51.613695, longitude: -0.437978 },
    { postcode: 'UB3 5DS', latitude: 51.487476, longitude: -0.436203 },
    { postcode: 'UB7 8DG', latitude: 51.519733, longitude: -0.463637 },
    { postcode: 'UB9 6EB', latitude: 51.602597, longitude: -0.482401 },
  ],
  E09000018: [
    // Hounslow
    { postcode: 'TW3 2DA', latitude: 51.466056, longitude: -0.362403 },
    { postcode: 'TW5 0LN', latitude: 51.485498, longitude: -0.377997 },
    { postcode: 'TW7 7EX', latitude: 51.465634, longitude: -0.328716 },
    { postcode: 'TW13 5HY', latitude: 51.442974, longitude: -0.38913 },
    { postcode: 'W4 1TX', latitude: 51.496919, longitude: -0.254084 },
  ],
  E09000019: [
    // Islington
    { postcode: 'EC1R 0LU', latitude: 51.524772, longitude: -0.105936 },
    { postcode: 'N1 0DR', latitude: 51.540021, longitude: -0.119161 },
    { postcode: 'N1 3JP', latitude: 51.539055, longitude: -0.086135 },
    { postcode: 'N5 2JS', latitude: 51.560265, longitude: -0.097522 },
    { postcode: 'N7 9LR', latitude: 51.548692, longitude: -0.128323 },
  ],
  E09000020: [
    // Kensington and Chelsea
    { postcode: 'SW3 2RP', latitude: 51.492952, longitude: -0.159879 },
    { postcode: 'SW5 0SJ', latitude: 51.494981, longitude: -0.193191 },
    { postcode: 'SW10 0NL', latitude: 51.482793, longitude: -0.183101 },
    { postcode: 'W8 6TG', latitude: 51.499042, longitude: -0.192929 },
    { postcode: 'W11 1JN', latitude: 51.517211, longitude: -0.20083 },
  ],
  E09000021: [
    // Kingston upon Thames
    { postcode: 'KT1 2HR', latitude: 51.399967, longitude: -0.303336 },
    { postcode: 'KT2 5TL', latitude: 51.421184, longitude: -0.296797 },
    { postcode: 'KT3 3UW', latitude: 51.413664, longitude: -0.268402 },
    { postcode: 'KT5 9DT', latitude: 51.387935, longitude: -0.278701 },
    { postcode: 'KT6 7PA', latitude: 51.376165, longitude: -0.288612 },
  ],
  E09000022: [
    // Lambeth
    { postcode: 'SE11 5QU', latitude: 51.48671, longitude: -0.113909 },
    { postcode: 'SW2 2NT', latitude: 51.444488, longitude: -0.112181 },
    { postcode: 'SW4 6QG', latitude: 51.471706, longitude: -0.12825 },
    { postcode: 'SW8 3EB', latitude: 51.469475, longitude: -0.142351 },
    { postcode: 'SW9 9TG', latitude: 51.466433, longitude: -0.117351 },
  ],
  E09000023: [
    // Lewisham
    { postcode: 'SE4 1XL', latitude: 51.467734, longitude: -0.024273 },
    { postcode: 'SE6 4DU', latitude: 51.438709, longitude: -0.033569 },
    { postcode: 'SE12 0UY', latitude: 51.437676, longitude: 0.016616 },
    { postcode: 'SE13 7TT', latitude: 51.465673, longitude: -0.02203 },
    { postcode: 'SE23 3ES', latitude: 51.446382, longitude: -0.054193 },
  ],
  E09000024: [
    // Merton
    { postcode: 'CR4 1NR', latitude: 51.412686, longitude: -0.148536 },
    { postcode: 'CR4 4TP', latitude: 51.397252, longitude: -0.163262 },
    { postcode: 'SW19 1LD', latitude: 51.415139, longitude: -0.196254 },
    { postcode: 'SW19 4PT', latitude: 51.423185, longitude: -0.219081 },
    { postcode: 'SW20 0EP', latitude: 51.419828, longitude: -0.24451 },
  ],
  E09000025: [
    // Newham
    { postcode: 'E6 2DG', latitude: 51.537588, longitude: 0.05943 },
    { postcode: 'E7 0NR', latitude: 51.547995, longitude: 0.035554 },
    { postcode: 'E13 0HF', latitude: 51.524797, longitude: 0.011929 },
    { postcode: 'E15 2QW', latitude: 51.53128, longitude: -0.013896 },
    { postcode: 'E16 2FH', latitude: 51.499648, longitude: 0.06246 },
  ],
  E09000026: [
    // Redbridge
    { postcode: 'E18 2EA', latitude: 51.591632, longitude: 0.02285 },
    { postcode: 'IG1 4BX', latitude: 51.56069, longitude: 0.074728 },
    { postcode: 'IG3 8UX', latitude: 51.571553, longitude: 0.10954 },
    { postcode: 'IG6 2BJ', latitude: 51.589867, longitude: 0.077039 },
    { postcode: 'IG8 7JJ', latitude: 51.605599, longitude: 0.045061 },
  ],
  E09000027: [
    // Richmond upon Thames
    { postcode: 'SW13 8HG', latitude: 51.483818, longitude: -0.229524 },
    { postcode: 'TW1 2PT', latitude: 51.455471, longitude: -0.311628 },
    { postcode: 'TW2 7LT', latitude: 51.452222, longitude: -0.358278 },
    { postcode: 'TW10 6HU', latitude: 51.457454, longitude: -0.290222 },
    { postcode: 'TW11 9LS', latitude: 51.423635, longitude: -0.315836 },
  ],
  E09000028: [
    // Southwark
    { postcode: 'SE1 1RF', latitude: 51.500974, longitude: -0.095699 },
    { postcode: 'SE1 8JA', latitude: 51.500084, longitude: -0.105692 },
    { postcode: 'SE15 2RL', latitude: 51.477986, longitude: -0.059286 },
    { postcode: 'SE16 3QY', latitude: 51.494948, longitude: -0.071949 },
    { postcode: 'SE17 3AS', latitude: 51.489288, longitude: -0.100392 },
  ],
  E09000029: [
    // Sutton
    { postcode: 'KT4 8PS', latitude: 51.382143, longitude: -0.224986 },
    { postcode: 'SM1 4AX', latitude: 51.363415, longitude: -0.187672 },
    { postcode: 'SM2 6UB', latitude: 51.348665, longitude: -0.195678 },
    { postcode: 'SM5 2EE', latitude: 51.375721, longitude: -0.161379 },
    { postcode: 'SM6 7FF', latitude: 51.377141, longitude: -0.156121 },
  ],
  E09000030: [
    // Tower Hamlets
    { postcode: 'E1 1NA', latitude: 51.512821, longitude: -0.065141 },
    { postcode: 'E1 8QE', latitude: 51.51383, longitude: -0.069091 },
    { postcode: 'E2 9JQ', latitude: 51.533216, longitude: -0.049916 },
    { postcode: 'E3 5PB', latitude: 51.536081, longitude: -0.033528 },
    { postcode: 'E14 6UH', latitude: 51.516246, longitude: -0.020359 },
  ],
  E09000031: [
    // Waltham Forest
    { postcode: 'E4 6PD', latitude: 51.624743, longitude: 0.001799 },
    { postcode: 'E4 9SB', latitude: 51.615134, longitude: 0.005796 },
    { postcode: 'E11 1GB', latitude: 51.57187, longitude: 0.014743 },
    { postcode: 'E17 3UD', latitude: 51.589706, longitude: -0.01285 },
    { postcode: 'E17 7DG', latitude: 51.583337, longitude: -0.035184 },
  ],
  E09000032: [
    // Wandsworth
    { postcode: 'SW11 2HP', latitude: 51.464968, longitude: -0.176035 },
    { postcode: 'SW11 7AY', latitude: 51.481964, longitude: -0.130322 },
    { postcode: 'SW15 3AY', latitude: 51.455328, longitude: -0.230568 },
    { postcode: 'SW17 6DH', latitude: 51.430037, longitude: -0.152827 },
    { postcode: 'SW18 2QU', latitude: 51.458169, longitude: -0.182928 },
  ],
  E09000033: [
    // Westminster
    { postcode: 'NW8 9HJ', latitude: 51.527356, longitude: -0.174134 },
    { postcode: 'W1B 5AR', latitude: 51.510234, longitude: -0.136399 },
    { postcode: 'W1G 9XN', latitude: 51.517701, longitude: -0.149672 },
    { postcode: 'W1S 1RR', latitude: 51.51368, longitude: -0.145583 },
    { postcode: 'W2 1UU', latitude: 51.520613, longitude: -0.178901 },
  ],
};
