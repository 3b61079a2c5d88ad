//! The `papers` command line: build and check committee papers.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use papers::build::{self, Failure, Format};
use papers::diagnostics::Diagnostics;

const EXAMPLES: &str = "\
Examples:
  papers build content/                      build every paper under content/ into out/
  papers build report.yaml --out site/papers  build one paper into site/papers/
  papers build content/ --format pdf         PDF only
  papers check content/                      report every problem, write nothing

Exit codes: 0 success, 1 problems in the content, 2 usage or file errors.";

/// Assemble UK council committee papers from YAML into accessible PDF and Word files.
#[derive(Parser)]
#[command(name = "papers", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build papers to PDF and DOCX.
    #[command(after_help = EXAMPLES)]
    Build {
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
            default_value = "pdf,docx"
        )]
        format: Vec<FormatArg>,
    },
    /// Check papers for problems without writing anything.
    #[command(after_help = EXAMPLES)]
    Check {
        /// YAML files, or folders searched for them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Pdf,
    Docx,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { paths, out, format } => {
            let mut formats: Vec<Format> = format
                .into_iter()
                .map(|f| match f {
                    FormatArg::Pdf => Format::Pdf,
                    FormatArg::Docx => Format::Docx,
                })
                .collect();
            formats.sort();
            formats.dedup();
            run_build(&paths, &out, &formats)
        }
        Command::Check { paths } => run_check(&paths),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Content(diagnostics)) => {
            eprint!("{}", diagnostics.render());
            let count = diagnostics.error_count();
            eprintln!(
                "papers: {count} problem{} found; nothing was written",
                if count == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(Failure::Io(diagnostic)) => {
            eprintln!("{diagnostic}");
            ExitCode::from(2)
        }
    }
}

fn print_warnings(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{}", diagnostics.render());
    }
}

fn run_build(paths: &[PathBuf], out: &std::path::Path, formats: &[Format]) -> Result<(), Failure> {
    let (papers, mut diagnostics) = build::load(paths)?;
    let outputs = build::render(&papers, formats, out, &mut diagnostics)?;
    print_warnings(&diagnostics);
    let written = build::write_outputs(&outputs)?;
    for output in &outputs {
        let state = if written.contains(&output.path) {
            "wrote"
        } else {
            "unchanged"
        };
        match output.pages {
            Some(pages) => println!("{state} {} ({pages} pages)", output.path.display()),
            None => println!("{state} {}", output.path.display()),
        }
    }
    Ok(())
}

fn run_check(paths: &[PathBuf]) -> Result<(), Failure> {
    let (loaded, diagnostics) = build::load(paths)?;
    print_warnings(&diagnostics);
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
