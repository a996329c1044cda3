// The design system's radio group is shared by every area: see components/fields.tsx.
export { Radios, type RadioOption } from '../../components/fields';
