/**
 * Registers the Markdown escapers as template helpers (`mdText`, `mdCode`, `mdCodeCell`,
 * `mdFenced`): imported for its effect by every writer that renders a Markdown template.
 */
import { mdCode, mdCodeCell, mdFenced, mdText } from '../escape/markdown';
import { registerEscaper } from './template';

registerEscaper('mdText', mdText);
registerEscaper('mdCode', mdCode);
registerEscaper('mdCodeCell', mdCodeCell);
registerEscaper('mdFenced', mdFenced);
