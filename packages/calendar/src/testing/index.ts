export { readWithIcalJs, readWithNodeIcal, type ReadEvent } from './calendar-readers.js';
