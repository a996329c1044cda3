// Types for lint/import-boundaries.js, which ESLint loads as plain JavaScript (eslint.config.js).
import type { Linter, Rule } from 'eslint';

export type Row = { path: string; mayImport: string[]; mayImportTypes?: string[] };
export type Exception = { from: string; to: string; why: string };

export declare const everyoneMayImport: string[];
export declare const importTable: Row[];
export declare const knownExceptions: Exception[];
export declare const aliases: Record<string, string>;
export declare function isUnder(target: string, entry: string): boolean;
export declare function rowOf(file: string, table?: Row[]): Row | undefined;
export declare function whyRefused(input: {
  from: string;
  to: string;
  typeOnly: boolean;
  table?: Row[];
  exceptions?: Exception[];
}): string | undefined;
export declare const importBoundariesRule: Rule.RuleModule;
export declare const importBoundariesConfig: Linter.Config;
