//! The command line: one clap definition (doc comments are the help text),
//! validated into work before anything runs. This is the only place besides
//! the TUI that writes to the terminal.

mod cache;
mod check;
mod compare;
mod diff;
mod docs;
mod export;
mod fmt;
mod git_setup;
mod import;
mod log;
mod merge;
mod out;
mod search;
mod summary;

use std::path::{Path, PathBuf};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use mizan::model::Corpus;
use mizan::store::{self, dirs};
use mizan::tui::config::BidiChoice;

const EXAMPLES: &str = "\
Examples:
  mizan                                   browse the maps
  mizan check --sources ../shared/seeds   lint every map, quotes included
  mizan fmt --check                       list maps not in canonical form
  mizan --maps ~/maps check --format json";

/// Weigh the arguments of news and opinion articles: stance maps in RON,
/// browsed, compared and checked in the terminal.
#[derive(Parser, Debug)]
#[command(name = "mizan", version, after_help = EXAMPLES)]
pub struct Cli {
    /// The maps directory [default: ./maps if present, else the user's data directory]
    #[arg(long, global = true, value_name = "DIR")]
    pub maps: Option<PathBuf>,

    // Not global: these apply to the browser (and `--sources` to `check`,
    // which has its own), so other commands' `--help` does not list them.
    /// Directory of the articles' source texts (the source pane and the quote check)
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,

    /// Config file of the browser [default: the per-user config path]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// How the browser displays Arabic [default: from the config, else mizan]
    #[arg(long, value_enum, value_name = "MODE")]
    pub bidi: Option<BidiChoice>,

    /// Parse every map file instead of reading the cache of parsed maps
    /// (and write no cache); `mizan cache` shows where it is
    #[arg(long, global = true)]
    pub no_cache: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint every map like a compiler: parse errors, ids, themes, links,
    /// bearings, control characters, and (with --sources) verbatim quotes.
    ///
    /// Exits 0 when there is no error, 1 when there is any, 2 when the maps
    /// directory cannot be read.
    Check {
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Directory of the articles' source texts: check that every quote is verbatim
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
    },
    /// Rewrite maps in the one canonical layout (stable field order, no
    /// empty fields), so diffs show only real changes.
    Fmt {
        /// Change nothing; list the files that would change and exit 1 if any
        #[arg(long)]
        check: bool,
    },
    /// Search all maps like the TUI's `/`: fuzzy, English and Arabic (hamza,
    /// ta marbuta, harakat ignored), with filters stance:pro, theme:<id>,
    /// article:<id>. Prints `article-id/node-id  score  claim`, best first;
    /// exits 1 when nothing matches.
    Search {
        /// The query (several words are joined with spaces)
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// At most this many hits
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
    },
    /// Compare two articles theme by theme: where they agree, clash, or only
    /// one speaks.
    ///
    /// For each theme, each side's nodes tagged with it are counted by their
    /// bearing on the motion (▲ for, ▼ against, ◆ neither). A side leans the
    /// way most of its for/against nodes go; it is split when they are even,
    /// neutral when it has only nodes bearing neither way. The verdict: agree
    /// when both lean the same way, clash when one leans for and the other
    /// against, mixed otherwise (one side split or neutral), only-a / only-b
    /// when one article says nothing on the theme. Curated links between the
    /// two articles are listed under the theme they share.
    Compare {
        /// Article id of side A
        a: String,
        /// Article id of side B
        b: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = compare::ReportFormat::Text)]
        format: compare::ReportFormat,
        /// Show only the themes where the two clash
        #[arg(long)]
        clashes: bool,
        /// Count reported claims (nodes with a `voice`) as the author's own;
        /// by default they are listed but only the author's claims count
        #[arg(long)]
        include_reported: bool,
    },
    /// Write the maps as Argdown, Graphviz DOT, JSON or a Markdown report.
    Export(export::ExportArgs),
    /// Read a JSON export back into canonical map files.
    Import(import::ImportArgs),
    /// The cache of parsed maps: where it is, or empty it. It only makes
    /// loading faster; the map files stay the only source of truth.
    Cache {
        #[command(subcommand)]
        action: cache::Action,
    },
    /// Show what changed between two versions of maps, node by node: added,
    /// removed, moved, edited fields with old and new text. Exits 0 when
    /// equal, 1 when different, 2 on error.
    Diff(diff::DiffArgs),
    /// Three-way merge of a map file by node id; git's merge driver (`%O %A
    /// %B`). Writes the result to OURS; exits 1 when conflicts were kept in it.
    Merge(merge::MergeArgs),
    /// Set this git repository up for maps: `.gitattributes`, the structural
    /// diff and the merge driver, in the repository's local config only.
    GitSetup(git_setup::GitSetupArgs),
    /// The commits that changed one node, and how, following file renames.
    Log(log::LogArgs),
    /// git's external diff driver (installed by `mizan git-setup`).
    #[command(hide = true)]
    DiffDriver {
        #[arg(num_args = 0..)]
        args: Vec<PathBuf>,
    },
    /// git's textconv for maps (installed by `mizan git-setup`).
    #[command(hide = true)]
    Textconv { file: PathBuf },
    /// Print a completion script for SHELL (bash, zsh, fish, elvish,
    /// powershell), e.g. `mizan completions bash > ~/.local/share/bash-completion/completions/mizan`.
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `mizan man | man -l -`.
    Man,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let cmd = Cli::command().after_long_help(format!("{EXAMPLES}\n\n{}", maps_dir_note()));
    let matches = match cmd.try_get_matches() {
        Ok(m) => m,
        Err(e) => return clap_exit(&e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return clap_exit(&e),
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            // A reader that went away (`mizan search x | head -1`) is not an
            // error; a full disk is.
            let write = e.chain().find_map(|c| c.downcast_ref::<out::WriteError>());
            if write.is_some_and(out::WriteError::is_broken_pipe) {
                return 0;
            }
            out::note(&format!("mizan: {e:#}"));
            2
        }
    }
}

/// Prints clap's help, version or usage error and gives its exit code; a
/// failure to print the help is reported (exit 2) unless it is a broken pipe.
fn clap_exit(e: &clap::Error) -> i32 {
    match e.print() {
        Ok(()) => e.exit_code(),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(err) => {
            out::note(&format!("mizan: cannot write the output: {err}"));
            2
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<i32> {
    USE_CACHE.store(!cli.no_cache, std::sync::atomic::Ordering::Relaxed);
    // The git-facing commands work on the files git names, not a maps directory.
    match &cli.command {
        Some(Command::Diff(args)) => return diff::run(args),
        Some(Command::Merge(args)) => return merge::run(args),
        Some(Command::GitSetup(args)) => return git_setup::run(args),
        Some(Command::DiffDriver { args }) => return diff::driver(args),
        Some(Command::Textconv { file }) => return diff::textconv(file),
        _ => {}
    }
    // Generated docs and the cache need no maps (and must not seed a data
    // directory).
    match &cli.command {
        Some(Command::Completions { shell }) => return docs::completions(*shell),
        Some(Command::Man) => return docs::man(),
        Some(Command::Cache { action }) => return cache::run(action),
        _ => {}
    }
    let (maps_dir, origin) = dirs::resolve_maps_dir(cli.maps.as_deref())?;
    if origin == (dirs::MapsOrigin::DataDir { seeded: true }) {
        out::note(&format!(
            "mizan: first run: copied the bundled maps into {}\n\
             hint: edit them there, or use --maps DIR (or run mizan where ./maps exists)",
            maps_dir.display()
        ));
    }
    match cli.command {
        Some(Command::Check { format, sources }) => {
            // `mizan --sources D check` (the old global form) still works.
            let sources = sources.or(cli.sources);
            check::run(&maps_dir, sources.as_deref(), format)
        }
        Some(Command::Fmt { check }) => fmt::run(&maps_dir, check),
        Some(Command::Search {
            query,
            format,
            limit,
        }) => search::run(&maps_dir, &query, format, limit),
        Some(Command::Compare {
            a,
            b,
            format,
            clashes,
            include_reported,
        }) => compare::run(&maps_dir, &a, &b, format, clashes, include_reported),
        Some(Command::Export(args)) => export::run(&maps_dir, args),
        Some(Command::Import(args)) => import::run(&maps_dir, args),
        Some(Command::Log(args)) => log::run(&maps_dir, &args),
        // Run above, before a maps directory is resolved.
        Some(
            Command::Diff(_)
            | Command::Merge(_)
            | Command::GitSetup(_)
            | Command::DiffDriver { .. }
            | Command::Textconv { .. },
        ) => Ok(0),
        Some(Command::Completions { .. } | Command::Man | Command::Cache { .. }) => {
            unreachable!("handled above")
        }
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            let opts = mizan::tui::Options {
                maps_dir,
                sources: cli.sources,
                config: cli.config,
                bidi: cli.bidi,
            };
            mizan::tui::run_with_cache(&opts, map_cache()).map_err(|e| anyhow::anyhow!(e))?;
            Ok(0)
        }
        // Not a terminal (a pipe, a file): print the summary instead.
        None => summary::run(&maps_dir),
    }
}

/// Whether commands read maps through the cache (`--no-cache` clears it):
/// set once from the command line, read by [`load`].
static USE_CACHE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// The cache to read maps through, unless `--no-cache` was given.
pub fn map_cache() -> Option<store::cache::Cache> {
    USE_CACHE
        .load(std::sync::atomic::Ordering::Relaxed)
        .then(store::cache::Cache::user)
        .flatten()
}

/// Loads the corpus, turning an unreadable directory into a CLI error.
pub fn load(maps_dir: &Path) -> anyhow::Result<Corpus> {
    Ok(store::load_dir_with(maps_dir, map_cache().as_ref())?)
}

/// Loads the motion and only the maps whose article id passes `keep`,
/// found through the catalog (`store::catalog`) without parsing the others.
pub fn load_some(maps_dir: &Path, keep: impl Fn(&str) -> bool) -> anyhow::Result<Corpus> {
    let cache = map_cache();
    let catalog = store::catalog::Catalog::scan(maps_dir, cache.as_ref())?;
    let files: Vec<PathBuf> = catalog
        .headers
        .iter()
        .filter(|h| h.meta.as_ref().is_some_and(|m| keep(&m.id)))
        .map(|h| h.path.clone())
        .collect();
    Ok(store::load_paths(maps_dir, &files, cache.as_ref()))
}

/// The maps of these articles (see [`load_some`]), or the whole corpus when
/// one of them is not found that way, so that "no article X" can list the
/// ids there are, exactly as before.
pub fn load_ids(maps_dir: &Path, ids: &[&str]) -> anyhow::Result<Corpus> {
    let some = load_some(maps_dir, |id| ids.contains(&id))?;
    if ids.iter().all(|id| some.map_of(id).is_some()) {
        Ok(some)
    } else {
        load(maps_dir)
    }
}

/// Tells `--help` readers which maps directory a run here would use.
fn maps_dir_note() -> String {
    let data = dirs::data_maps_dir()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "(none on this system)".into());
    let config = dirs::config_file()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "(none on this system)".into());
    let maps = if Path::new("maps").is_dir() {
        format!("Maps directory here: ./maps (found in the working directory; otherwise {data})")
    } else {
        format!(
            "Maps directory here: {data} (no ./maps in the working directory; seeded with the bundled maps on first run)"
        )
    };
    format!("{maps}\nConfig file: {config}")
}
