// Pure: core.sharedRepository, read and applied as git itself does (setup.c git_config_perm,
// path.c calc_shared_perm and adjust_shared_perm), for the folders and files codemigrate creates
// in the object store. Without it, another member of the repository's group could not write into
// an objects/xx folder that codemigrate made (`git add` failed: issue #12).

/**
 * 0: the umask decides (umask, false); 0660: group (group, true); 0664: everybody (all, world,
 * everybody); -0xxx: exactly mode 0xxx (an octal value; others never get write permission).
 */
export type SharedPerm = number;

const PERM_UMASK = 0;
const PERM_GROUP = 0o660;
const PERM_EVERYBODY = 0o664;

/** The value of `git config core.sharedRepository` (undefined when unset). */
export function parseSharedRepository(value: string | undefined): SharedPerm {
  if (value === undefined || value === 'umask') return PERM_UMASK;
  if (value === 'group') return PERM_GROUP;
  if (value === 'all' || value === 'world' || value === 'everybody') return PERM_EVERYBODY;
  if (!/^[0-7]+$/.test(value)) return configBool(value) ? PERM_GROUP : PERM_UMASK;
  const octal = Number.parseInt(value, 8);
  // 0, 1 and 2 are the old spellings of umask, group and everybody.
  if (octal === 0) return PERM_UMASK;
  if (octal === 1) return PERM_GROUP;
  if (octal === 2) return PERM_EVERYBODY;
  // git refuses a mode without rw for the owner: every git command fails, and so would this one.
  return -(octal & 0o666);
}

/** git's boolean spellings; git itself fails on any other value. */
function configBool(value: string): boolean {
  return ['true', 'yes', 'on'].includes(value.toLowerCase()) || (/^-?\d+$/.test(value) && Number(value) !== 0);
}

/** The mode git gives a folder or file it just created with `mode` (the umask applied). */
export function sharedMode(shared: SharedPerm, mode: number, isDirectory: boolean): number {
  if (shared === PERM_UMASK) return mode;
  let tweak = Math.abs(shared);
  if (!(mode & 0o200)) tweak &= ~0o222;
  // Read bits copied to execute bits where the owner may execute (folders).
  if (mode & 0o100) tweak |= (tweak & 0o444) >> 2;
  let next = shared < 0 ? (mode & ~0o777) | tweak : mode | tweak;
  if (isDirectory) {
    next |= (next & 0o444) >> 2;
    // g+s only where the group is given access: new files then belong to the repository's group.
    if (next & 0o060) next |= 0o2000;
  }
  return next;
}
