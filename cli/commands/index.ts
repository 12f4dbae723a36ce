/** Every CLI command, in the order `sigwb --help` lists them. */
import type { CliCommand } from '../command';
import { initCommand } from './init';
import { queryCommand } from './query';

export const commands: CliCommand[] = [initCommand, queryCommand];
