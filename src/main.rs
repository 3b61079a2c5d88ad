//! The `papers` command line: build and check committee papers.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::{Parser, Subcommand};

use papers::build::Session;
use papers::build::{self, Failure, Format};
use papers::diagnostics::Diagnostic;
use papers::input::ContentRoot;
use papers::publish;
use papers::supplied::PdfCheck;
use papers::typst_writer::Typesetter;
use papers::watch::{WatchOptions, watch};

const EXAMPLES: &str = "\
Examples:
  papers new meeting planning/2027-01-14     start a meeting: its agenda, a report, the committee
  papers build content/                      build every paper under content/ into out/
  papers build report.yaml --out site/papers  build one paper into site/papers/
  papers build content/ --format pdf         PDF only
  papers check content/                      report every problem, write nothing
  papers watch content/                      build, then rebuild on every change

Exit codes: 0 success, 1 problems in the content, 2 usage or file errors.";

/// Assemble UK council committee papers from YAML into accessible PDF and Word files.
#[derive(Parser)]
#[command(name = "papers", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors: no files written, no warnings, no progress.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each phase took, and how many files were left unchanged.
    #[arg(short, long, global = true)]
    verbose: bool,
}

/// How much a run says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// What `build` and `watch` both take: the content, where to write, which formats, which house
/// style.
#[derive(clap::Args)]
struct BuildArgs {
    /// YAML files, or folders searched for them.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Folder for the outputs (subfolders mirror the content's).
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(
        long,
        value_name = "FORMATS",
        value_delimiter = ',',
        default_value = "pdf,docx,html"
    )]
    format: Vec<FormatArg>,
    /// A house style for the whole run: a built-in one's name (rotherham, harrow) or a style
    /// folder (style.yaml, fonts/, house-style.typ, pack.typ); `watch` rebuilds when its files
    /// change.
    #[arg(long, value_name = "DIR|NAME")]
    templates: Option<PathBuf>,
    #[command(flatten)]
    root: RootArg,
}

/// Where content may read from.
#[derive(clap::Args)]
struct RootArg {
    /// The content root: every file content refers to must be inside it. Default: the current
    /// folder, or, for content outside it, the folder given (the one holding them all).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

impl RootArg {
    fn resolve(&self, paths: &[PathBuf]) -> Result<ContentRoot, Failure> {
        let root = match &self.root {
            Some(folder) => ContentRoot::new(folder).map_err(|error| (folder.clone(), error)),
            None => ContentRoot::for_paths(paths),
        };
        root.map_err(|(path, error)| {
            Failure::Io(Diagnostic::error(format!(
                "cannot read `{}`: {error}",
                path.display()
            )))
        })
    }
}

/// Supplied PDFs are tried in a child process of this program first (see `papers::supplied`).
fn pdf_check() -> PdfCheck {
    match std::env::current_exe() {
        Ok(program) => PdfCheck::Isolated { program },
        Err(_) => PdfCheck::InProcess,
    }
}

/// The session of one build: the house style in `folder` (or the built-in one), keeping each
/// PDF's Typst project when they are to be emitted.
fn session(folder: Option<&Path>, keep_projects: bool) -> Result<Session, Failure> {
    let (templates, style, _) = build::read_house_style(folder)?;
    let typesetter = Typesetter::new(templates, style).keep_projects(keep_projects);
    // A style given for the run overrides the one each committee chose.
    Ok(Session::new(typesetter, pdf_check()).overriding_styles(folder.is_some()))
}

#[derive(Subcommand)]
enum Command {
    /// Start a paper: a valid, commented starting file to fill in (or a meeting's folder).
    ///
    /// Writes a starting file of KIND at PATH (a meeting: its folder, with the meeting, one
    /// item's cover report and a committee) in a house style's form, with the line that points
    /// an editor at its schema. Never replaces a file.
    #[command(after_help = NEW_EXAMPLES)]
    New {
        /// What to start: meeting, committee, cover-report, minutes, long-report,
        /// performance-report, figures, terms-of-reference, action-plan, short-paper,
        /// house-style.
        #[arg(value_name = "KIND")]
        kind: String,
        /// The file to write (a meeting or a house style: the folder).
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// The house style whose forms to follow: a built-in one's name (rotherham, harrow)
        /// or a style folder (its new/ folder's starting files, if any).
        #[arg(long, value_name = "DIR|NAME")]
        templates: Option<PathBuf>,
        /// The date the papers carry, year-month-day (default: a meeting folder named by its
        /// date gives it, else today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Build papers to PDF, Word and web pages.
    #[command(after_help = EXAMPLES)]
    Build {
        #[command(flatten)]
        build: BuildArgs,
        /// Also write the Typst project behind each PDF (main.typ, data, templates) into DIR,
        /// to compile with Typst alone.
        #[arg(long, value_name = "DIR")]
        emit_typst: Option<PathBuf>,
    },
    /// Build, then rebuild whenever a file the build read changes (Ctrl-C to stop).
    ///
    /// Prints one line per rebuild: what changed, how long it took and which files were
    /// rewritten. A rebuild that fails prints its problems and leaves the last good files alone.
    #[command(after_help = EXAMPLES)]
    Watch {
        #[command(flatten)]
        build: BuildArgs,
        /// How often to look for changes, in milliseconds.
        #[arg(long, value_name = "MS", default_value_t = 100)]
        poll: u64,
    },
    /// Print the JSON Schema of a kind of file, for completion and checking in an editor.
    ///
    /// Draft 7, which the YAML language server reads; with --out, every kind's schema is
    /// written into a folder as <kind>.json.
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema {
        /// The kind of file (cover-report, meeting, figures, …).
        #[arg(value_name = "KIND", required_unless_present = "out")]
        kind: Option<String>,
        /// Write every kind's schema into DIR instead.
        #[arg(long, value_name = "DIR", conflicts_with = "kind")]
        out: Option<PathBuf>,
    },
    /// Print the shell completion script for SHELL (bash, zsh, fish, powershell, elvish).
    #[command(after_help = COMPLETION_EXAMPLES)]
    Completions {
        /// The shell.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Open a supplied PDF read from standard input, lay its pages out and print how many there
    /// are (run by papers itself, in a separate process, before a build uses the file).
    #[command(hide = true)]
    CheckSuppliedPdf,
    /// Check papers for problems without writing anything.
    #[command(after_help = EXAMPLES)]
    ///
    /// Typesets every paper in memory, so it finds everything `build` would refuse.
    Check {
        /// YAML files, or folders searched for them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        root: RootArg,
        /// A house style to check against for the whole run: a built-in one's name
        /// (rotherham, harrow) or a style folder.
        #[arg(long, value_name = "DIR|NAME")]
        templates: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Pdf,
    Docx,
    Html,
}

fn formats_of(format: Vec<FormatArg>) -> Vec<Format> {
    let mut formats: Vec<Format> = format
        .into_iter()
        .map(|f| match f {
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Docx => Format::Docx,
            FormatArg::Html => Format::Html,
        })
        .collect();
    formats.sort();
    formats.dedup();
    formats
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (false, true) => Verbosity::Verbose,
        (false, false) => Verbosity::Normal,
    };
    let result = match cli.command {
        Command::Build { build, emit_typst } => build.root.resolve(&build.paths).and_then(|root| {
            let session = session(build.templates.as_deref(), emit_typst.is_some())?;
            run_build(
                &session,
                &build.paths,
                &root,
                &build.out,
                &formats_of(build.format),
                emit_typst.as_deref(),
                verbosity,
            )
        }),
        Command::Watch { build, poll } => {
            let stop = Arc::new(AtomicBool::new(false));
            let handler_stop = Arc::clone(&stop);
            if let Err(error) =
                ctrlc::set_handler(move || handler_stop.store(true, Ordering::Relaxed))
            {
                eprintln!("papers: cannot catch Ctrl-C ({error}); stop with a signal instead");
            }
            let root = match build.root.resolve(&build.paths) {
                Ok(root) => root,
                Err(failure) => return report(Err(failure), verbosity),
            };
            if let Err(diagnostic) = publish::check_output_folder(&build.out) {
                return report(Err(Failure::Io(diagnostic)), verbosity);
            }
            let options = WatchOptions {
                paths: build.paths,
                root,
                out: build.out,
                formats: formats_of(build.format),
                templates: build.templates,
                interval: Duration::from_millis(poll.max(10)),
                settle: Duration::from_millis(50),
                pdf_check: pdf_check(),
            };
            watch(&options, stop);
            Ok(())
        }
        Command::Check {
            paths,
            root,
            templates,
        } => root.resolve(&paths).and_then(|root| {
            run_check(
                &session(templates.as_deref(), false)?,
                &paths,
                &root,
                verbosity,
            )
        }),
        Command::New {
            kind,
            path,
            templates,
            date,
        } => run_new(
            &kind,
            &path,
            templates.as_deref(),
            date.as_deref(),
            verbosity,
        ),
        Command::Schema { kind, out } => run_schema(kind.as_deref(), out.as_deref(), verbosity),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "papers", &mut std::io::stdout());
            Ok(())
        }
        Command::CheckSuppliedPdf => {
            return match papers::supplied::check_here(&Typesetter::default()) {
                Ok(pages) => {
                    println!("{pages}");
                    ExitCode::SUCCESS
                }
                Err(problem) => {
                    eprintln!("{problem}");
                    ExitCode::from(1)
                }
            };
        }
    };
    report(result, verbosity)
}

const NEW_EXAMPLES: &str = "\
Examples:
  papers new meeting planning/2027-01-14       a meeting, its committee and one report
  papers new cover-report planning/2027-01-14/budget.yaml
  papers new performance-report q3/report.yaml  with figures.yaml and values.csv beside it
  papers new cover-report cabinet/report.yaml --templates harrow

Each file starts with a line pointing editors at its JSON Schema in .papers/schema/ (written
here, in the current folder), for completion and checking as you type.";

/// Write the starting files of `kind` at `path`, and the schemas they point at.
fn run_new(
    kind: &str,
    path: &Path,
    templates: Option<&Path>,
    date: Option<&str>,
    verbosity: Verbosity,
) -> Result<(), Failure> {
    use papers::starter::{self, Request, StyleChoice};
    let usage = |diagnostic: Diagnostic| Failure::Io(diagnostic);
    let style = match templates {
        None => StyleChoice::Default,
        Some(folder) if folder.is_dir() => StyleChoice::Folder(folder.to_path_buf()),
        Some(name) => {
            let name = name.to_string_lossy();
            let built_in = build::BUILT_IN_STYLES
                .iter()
                .find(|style| style.name == name)
                .ok_or_else(|| {
                    usage(
                        Diagnostic::error(format!(
                            "there is no style folder `{name}`, nor a built-in style of that name"
                        ))
                        .expected(build::built_in_names()),
                    )
                })?;
            StyleChoice::BuiltIn {
                name: built_in.name.to_string(),
                data: built_in.data,
            }
        }
    };
    let folder_date = path
        .file_name()
        .and_then(|name| name.to_str())
        .and_then(papers::content::common::parse_date)
        .filter(|_| kind == "meeting");
    let date = match date {
        Some(text) => papers::content::common::parse_date(text).ok_or_else(|| {
            usage(
                Diagnostic::error(format!("`{text}` is not a date"))
                    .expected("year-month-day, e.g. 2027-01-14"),
            )
        })?,
        None => folder_date.unwrap_or_else(starter::today),
    };
    let schema_folder = PathBuf::from(".papers/schema");
    let files = starter::plan(&Request {
        kind,
        path,
        style,
        date,
        schema_folder: &schema_folder,
    })
    .map_err(usage)?;
    let cannot = |path: &Path, error: std::io::Error| {
        usage(Diagnostic::error(format!(
            "cannot write `{}`: {error}",
            path.display()
        )))
    };
    write_schemas(&schema_folder).map_err(|error| cannot(&schema_folder, error))?;
    for file in &files {
        if let Some(parent) = file.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|error| cannot(parent, error))?;
        }
        publish::write_atomically(&file.path, file.text.as_bytes())
            .map_err(|error| cannot(&file.path, error))?;
        if verbosity != Verbosity::Quiet {
            println!("wrote {}", file.path.display());
        }
    }
    if verbosity == Verbosity::Quiet {
        return Ok(());
    }
    let first = files
        .first()
        .map(|file| file.path.clone())
        .unwrap_or_default();
    let checked = if kind == "meeting" {
        path.to_path_buf()
    } else {
        first
    };
    // A meeting's committee names its style; a paper on its own is built in the run's.
    let style = match templates {
        Some(style) if kind != "meeting" => format!(" --templates {}", style.display()),
        _ => String::new(),
    };
    println!(
        "next: edit it, then `papers check {path}{style}` and `papers build {path}{style}`",
        path = checked.display(),
    );
    Ok(())
}

const COMPLETION_EXAMPLES: &str = "\
Examples:
  papers completions bash > ~/.local/share/bash-completion/completions/papers
  papers completions zsh > ~/.zfunc/_papers          (with fpath+=~/.zfunc in ~/.zshrc)
  papers completions fish > ~/.config/fish/completions/papers.fish";

const SCHEMA_EXAMPLES: &str = "\
Examples:
  papers schema cover-report > cover-report.json
  papers schema --out .papers/schema            every kind, as .papers/schema/<kind>.json";

/// Print one kind's schema, or write every kind's into `out`.
fn run_schema(kind: Option<&str>, out: Option<&Path>, verbosity: Verbosity) -> Result<(), Failure> {
    if let Some(folder) = out {
        let written = write_schemas(folder).map_err(|error| {
            Failure::Io(Diagnostic::error(format!(
                "cannot write the schemas to `{}`: {error}",
                folder.display()
            )))
        })?;
        if verbosity != Verbosity::Quiet {
            for path in written {
                println!("wrote {}", path.display());
            }
        }
        return Ok(());
    }
    let name = kind.unwrap_or_default();
    let kind = papers::kinds::named(name).map_err(Failure::Io)?;
    print!("{}", kind.schema_text());
    Ok(())
}

/// Write every kind's schema into `folder` as `<kind>.json` (the folder made if need be), each
/// file replaced whole; returns the files written.
fn write_schemas(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(folder)?;
    let mut written = Vec::new();
    for kind in &papers::kinds::KINDS {
        let path = folder.join(format!("{}.json", kind.name));
        publish::write_atomically(&path, kind.schema_text().as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// Print what stopped a run, and its exit code.
fn report(result: Result<(), Failure>, verbosity: Verbosity) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Content(diagnostics)) => {
            if verbosity == Verbosity::Quiet {
                let mut errors = papers::diagnostics::Diagnostics::new();
                errors.extend(diagnostics.iter().filter(|d| d.is_error()).cloned());
                errors.print_to_stderr();
            } else {
                diagnostics.print_to_stderr();
            }
            let count = diagnostics.error_count();
            eprintln!(
                "papers: {count} problem{} found; nothing was written",
                if count == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(Failure::Io(diagnostic)) => {
            diagnostic.print_to_stderr();
            ExitCode::from(2)
        }
    }
}

fn run_build(
    session: &Session,
    paths: &[PathBuf],
    root: &ContentRoot,
    out: &Path,
    formats: &[Format],
    emit_typst: Option<&Path>,
    verbosity: Verbosity,
) -> Result<(), Failure> {
    // Said before the work, not after it.
    publish::check_output_folder(out).map_err(Failure::Io)?;
    let started = std::time::Instant::now();
    let progress = ProgressLine::show(session, verbosity);
    session.progress.start("reading", 0);
    let (papers, mut diagnostics) = build::load(paths, root, session)?;
    let read = started.elapsed();
    let publication = build::render(session, &papers, formats, &mut diagnostics);
    let typeset = started.elapsed() - read;
    // The line is cleared before anything else is printed.
    drop(progress);
    let publication = publication?;
    print_warnings(&diagnostics, verbosity);
    let published = publish::publish(out, &publication).map_err(Failure::Io)?;
    let mut unchanged = 0;
    for output in publication.files() {
        let state = if published.rewritten.contains(&output.path) {
            "wrote"
        } else {
            unchanged += 1;
            "unchanged"
        };
        if verbosity == Verbosity::Quiet {
            continue;
        }
        let path = out.join(&output.path);
        match output.pages {
            Some(pages) => println!("{state} {} ({pages} pages)", path.display()),
            None => println!("{state} {}", path.display()),
        }
    }
    if verbosity != Verbosity::Quiet {
        for removed in &published.removed {
            println!("removed {} (no longer built)", out.join(removed).display());
        }
    }
    if verbosity == Verbosity::Verbose {
        let total = started.elapsed();
        println!(
            "built {} files ({} rewritten, {unchanged} unchanged, {} removed) in {}: reading {}, typesetting {}, writing {}",
            publication.files().count(),
            published.rewritten.len(),
            published.removed.len(),
            seconds(total),
            seconds(read),
            seconds(typeset),
            seconds(total.saturating_sub(read + typeset)),
        );
    }
    // Written only once the build has succeeded, so a failed build writes nothing anywhere.
    if let Some(folder) = emit_typst {
        for (stem, project) in &publication.typst_projects {
            if let Err(error) = write_typst_project(&folder.join(stem), project) {
                eprintln!(
                    "papers: cannot write the Typst project to `{}`: {error}",
                    folder.join(stem).display()
                );
            }
        }
    }
    Ok(())
}

/// A duration as "1.24 s".
fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

/// The warnings of a good run, unless asked for quiet.
fn print_warnings(diagnostics: &papers::diagnostics::Diagnostics, verbosity: Verbosity) {
    if verbosity != Verbosity::Quiet {
        diagnostics.print_to_stderr();
    }
}

/// The progress line of a long run: after a second, on a terminal, one line on standard error
/// redrawn five times a second ("papers: typesetting 3 of 11 (4 s)"), cleared when the run
/// ends. Off the terminal, and when quiet, nothing is drawn.
struct ProgressLine {
    stop: Arc<AtomicBool>,
    drawer: Option<std::thread::JoinHandle<()>>,
}

impl ProgressLine {
    fn show(session: &Session, verbosity: Verbosity) -> ProgressLine {
        use std::io::IsTerminal;
        let stop = Arc::new(AtomicBool::new(false));
        let drawn = verbosity != Verbosity::Quiet && std::io::stderr().is_terminal();
        let drawer = drawn.then(|| {
            let (stop, progress) = (Arc::clone(&stop), Arc::clone(&session.progress));
            // A second by default; the tests shorten it to see the line on a small build.
            let after = std::env::var("PAPERS_PROGRESS_AFTER_MS")
                .ok()
                .and_then(|ms| ms.parse().ok())
                .map_or(Duration::from_secs(1), Duration::from_millis);
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                let mut shown = false;
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(200).min(after));
                    if started.elapsed() < after || stop.load(Ordering::Relaxed) {
                        continue;
                    }
                    let (phase, count) = progress.now();
                    let count = count
                        .map_or_else(String::new, |(done, total)| format!(" {done} of {total}"));
                    eprint!(
                        "\r\x1b[Kpapers: {phase}{count} ({} s)",
                        started.elapsed().as_secs()
                    );
                    shown = true;
                }
                if shown {
                    eprint!("\r\x1b[K");
                }
            })
        });
        ProgressLine { stop, drawer }
    }
}

impl Drop for ProgressLine {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

/// Write one Typst project's files under `folder`.
fn write_typst_project(folder: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    for (path, bytes) in files {
        let target = folder.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, bytes)?;
    }
    Ok(())
}

/// Everything `build` does but writing: read, lower and typeset every paper in memory.
fn run_check(
    session: &Session,
    paths: &[PathBuf],
    root: &ContentRoot,
    verbosity: Verbosity,
) -> Result<(), Failure> {
    let progress = ProgressLine::show(session, verbosity);
    session.progress.start("reading", 0);
    let (loaded, mut diagnostics) = build::load(paths, root, session)?;
    build::render(
        session,
        &loaded,
        &[Format::Pdf, Format::Docx, Format::Html],
        &mut diagnostics,
    )?;
    drop(progress);
    print_warnings(&diagnostics, verbosity);
    if verbosity == Verbosity::Quiet {
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (papers, meetings) = (loaded.papers.len(), loaded.meetings.len());
    if meetings > 0 {
        println!(
            "{papers} paper{} and {meetings} meeting{} checked, no problems found",
            plural(papers),
            plural(meetings)
        );
    } else {
        println!(
            "{papers} paper{} checked, no problems found",
            plural(papers)
        );
    }
    Ok(())
}
