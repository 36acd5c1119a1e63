/** One file of a project as it is written into the sandbox's work dir. */
export interface ProjectFile {
  /** Relative to the project root, `/`-separated, never absolute and never with `..`. */
  path: string;
  content: Buffer | string;
  mode?: number;
  /** Where the file is on the user's machine, when it came from disk: diagnostics name it. */
  hostPath?: string;
}

/** A project run: the files of the project and the one being run. */
export interface ProjectRequest {
  files: ProjectFile[];
  /**
   * The path (as in `files`) of the file being run; its language is the run's. Without it the code runs
   * as the language's source file (`main.py`, `Main.java`) beside the files, as SandboxFusion's `files` do.
   */
  entry?: string;
  /** The project root on the user's machine, when there is one (for messages). */
  root?: string;
}
