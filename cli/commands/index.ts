/** Every CLI command, in the order `sigwb --help` lists them. */
import type { CliCommand } from '../command';
import { importCommand } from './import';
import { initCommand } from './init';
import { queryCommand } from './query';
import { exportCommand, reportCommand } from './export';
import { calibrateCommand } from './calibrate';
import { clusterCommand } from './cluster';
import { attributeCommand } from './attribute';
import { dictionaryCommand } from './dictionary';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';
import { linksCommand } from './links';
import { vocabularyCommand } from './vocabulary';
import { checkCommand } from './check';
import { keysCommand } from './keys';
import { trustCommand } from './trust';
import { shareCommand } from './share';
import { receiveCommand } from './receive';
import { publishCommand, pullCommand, storeCommand } from './store';

export const commands: CliCommand[] = [initCommand, importCommand, queryCommand, exportCommand, reportCommand, calibrateCommand, validateCommand, clusterCommand, attributeCommand, verifyCommand, checkCommand, dictionaryCommand, vocabularyCommand, linksCommand, keysCommand, trustCommand, shareCommand, receiveCommand, publishCommand, pullCommand, storeCommand];
