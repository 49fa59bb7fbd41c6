import type { KeyDef } from '../types';
import { DEPRECATION_CUTOFF as CUTOFF } from '../constants';

const BUILTIN_TOOLS = [
  'Bash', 'Read', 'Write', 'Edit', 'Glob', 'Grep', 'NotebookEdit', 'WebFetch', 'WebSearch', 'Task', 'TodoWrite',
  'TaskCreate', 'TaskUpdate', 'TaskGet', 'TaskList', 'TaskStop', 'Skill', 'REPL', 'JavaScript', 'AskUserQuestion',
  'ToolSearch', 'SendUserMessage',
] as const;

/**
 * What the app expands in an allowedWorkspaceFolders path (reference section 1.8): `~` and these
 * fixed variables, nothing else.
 */
export const WORKSPACE_PATH_VARIABLES = ['%OneDrive%', '%OneDriveCommercial%', '%OneDriveConsumer%', '%APPDATA%', '%LOCALAPPDATA%', '%USERNAME%', '%XDG_DOCUMENTS_DIR%'] as const;

/** Workspace and tools: tabs, folders, built-in tools, agent egress. */
export const WORKSPACE_KEYS = [
  {
    name: 'disableDeploymentModeChooser', section: 'workspace', type: 'boolean', default: false, providers: 'all',
    availability: 'mdm', since: '<=1.5354.0', secret: false,
    description: 'Hide the choice to sign in to Claude.ai; only the third-party option is shown.',
  },
  {
    name: 'disableDeepLinkRegistration', section: 'workspace', type: 'boolean', default: false, providers: 'all',
    availability: 'mdm', since: '>1.5354.0', secret: false,
    description: 'Do not register the app as the handler of claude:// links.',
  },
  {
    name: 'coworkTabEnabled', section: 'workspace', type: 'boolean', default: true, providers: 'all',
    availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Show the Cowork tab; at least one of the Cowork, Code and Chat tabs must stay on.',
  },
  {
    name: 'isClaudeCodeForDesktopEnabled', section: 'workspace', type: 'boolean', default: true, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Show the Code tab.',
  },
  {
    name: 'chatTabEnabled', section: 'workspace', type: 'boolean', default: false, beta: true, providers: 'all',
    availability: 'both', since: '1.13576', secret: false,
    description: 'Show the Chat tab (opt-in).',
  },
  {
    name: 'chatAdvancedFileAnalysisEnabled', section: 'workspace', type: 'boolean', default: false, beta: true, providers: 'all',
    availability: 'both', since: '1.14271', secret: false,
    description: 'Let Chat analyse attached files with local sandboxed code execution.',
  },
  {
    name: 'chatCodeExecutionEnabled', section: 'workspace', type: 'boolean', default: false, providers: 'all',
    availability: 'both', since: '>1.5354.0', secret: false,
    unconfirmed: 'Only in an older version of the configuration reference; possibly renamed to chatAdvancedFileAnalysisEnabled.',
    description: 'Older key for code execution in Chat.',
  },
  {
    name: 'betaFeaturesEnabled', section: 'workspace', type: 'boolean', default: true, providers: 'all',
    availability: 'both', since: '1.14271', secret: false,
    deprecated: 'Added and deprecated in build 1.14271; the app ignores it. Remove it.',
    description: 'Allow beta features.',
  },
  {
    name: 'disabledBuiltinTools', section: 'workspace', type: 'stringList', knownValues: BUILTIN_TOOLS, default: [],
    providers: 'all', availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Built-in agent tools to remove, by name.',
  },
  {
    name: 'disableBundledSkills', section: 'workspace', type: 'boolean', providers: 'all',
    availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Turn off the skills and workflows bundled with Claude Code.',
  },
  {
    name: 'builtinToolPolicy', section: 'workspace', type: 'object', values: { type: 'string', enum: ['allow', 'ask'] }, keyOrderMatters: true,
    providers: 'all', availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Approval policy per built-in tool or permission rule, such as {"Bash":"ask","Bash(curl *)":"allow"}.',
    notes: ['"blocked" is not accepted here: remove a tool with disabledBuiltinTools instead.'],
    deprecatedEnumValues: [{ value: 'ask-session', replacement: 'ask', cutoff: CUTOFF }],
  },
  {
    name: 'autoModeEnabled', section: 'workspace', type: 'boolean', default: false, providers: 'all',
    availability: 'both', since: '1.10628', secret: false,
    description: 'Offer Auto mode ("Act without asking").',
  },
  {
    name: 'disableBypassPermissionsMode', section: 'workspace', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.46388.1', secret: false,
    description: 'Remove the mode that bypasses permission prompts.',
  },
  {
    name: 'blockReadsOutsideWorkingDirectories', section: 'workspace', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.46388.1', secret: false,
    description: 'Stop the agent from reading files outside its working folders.',
  },
  {
    name: 'allowedWorkspaceFolders', section: 'workspace', type: 'objectList', uniqueBy: 'path',
    fields: {
      path: {
        type: 'string',
        required: true,
        minLength: 1,
        description: `Absolute folder path; only ~ and the fixed variables ${WORKSPACE_PATH_VARIABLES.join(', ')} expand (no other environment variable, no relative path).`,
      },
      isDefaultSelected: { type: 'boolean', description: 'Selected when a session starts.' },
      mode: { type: 'string', enum: ['ro'], description: '"ro" makes the folder read-only to the agent.' },
    },
    providers: 'all', availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Folders users may attach as workspaces; unset means unrestricted.',
    deprecatedShapes: [{ shape: 'path-list' }],
  },
  {
    name: 'coworkEgressAllowedHosts', section: 'workspace', type: 'stringList', format: 'host-pattern', providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Hosts the agent\'s tools may reach (exact, *.domain for one label, or * for all); unset means the inference endpoint only.',
  },
  {
    name: 'requireCoworkFullVmSandbox', section: 'workspace', type: 'boolean', default: false, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    deprecated: 'Marked deprecated in the configuration reference.',
    description: 'Run agent tools inside the VM instead of on the host.',
  },
  {
    name: 'skipWebFetchPreflight', section: 'workspace', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.37937.0', secret: false,
    description: 'Skip the safety preflight check before web fetches.',
  },
  {
    name: 'skillCreationEnabled', section: 'workspace', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.25927.0', secret: false,
    description: 'Let users create their own skills.',
  },
  {
    name: 'sshClientPath', section: 'workspace', type: 'string', format: 'absolute-path', beta: true, providers: 'all',
    availability: 'both', since: '1.46388.1', secret: false,
    description: 'Absolute path of the ssh client used for remote sessions.',
  },
  {
    name: 'sshHostAllowlist', section: 'workspace', type: 'stringList', format: 'host-pattern', beta: true, providers: 'all',
    availability: 'both', since: '1.40609.0', secret: false,
    description: 'Hosts users may open remote sessions on.',
  },
  {
    name: 'userContentRendererUrl', section: 'workspace', type: 'string', format: 'https-url', providers: 'all',
    availability: 'both', since: '1.24012.0', secret: false,
    description: 'Origin that renders artifacts and other user content, in place of Anthropic\'s.',
  },
] as const satisfies readonly KeyDef[];
