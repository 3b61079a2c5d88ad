//! Supplied PDFs are tried in a separate process before the build uses them.
//!
//! A PDF is a program for its reader: one made to nest its objects a hundred thousand deep
//! overflows the PDF reader's stack, one made to inflate to gigabytes exhausts memory, and
//! neither can be caught inside the process that reads it. So `papers` first lays the file's
//! pages out in a child process of its own (`papers check-supplied-pdf`), bounded in time and
//! memory; a file that crashes or exhausts the child is refused at the line that names it,
//! and the build never reads it.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long the check of one supplied PDF may take.
pub const CHECK_TIME: Duration = Duration::from_secs(60);

/// How much memory (address space) the check of one supplied PDF may use.
pub const CHECK_MEMORY: u64 = 3 * 1024 * 1024 * 1024;

/// How supplied PDFs are checked before use.
#[derive(Debug, Clone, Default)]
pub enum PdfCheck {
    /// Not in a separate process: for the library used on its own (tests, tools), where no
    /// `papers` program is at hand.
    #[default]
    InProcess,
    /// By running `program check-supplied-pdf` (the `papers` command itself).
    Isolated {
        /// The `papers` program.
        program: PathBuf,
    },
}

/// The most pages a supplied PDF may have: each is laid out in the pack (10,000 took 24 s and a
/// gigabyte).
pub const MOST_PAGES: usize = 1_000;

/// Supplied PDFs as a session checks them: how, and those found good so far with their pages
/// (a `watch` rebuild need not check them again).
#[derive(Debug, Default)]
pub struct SuppliedPdfs {
    how: PdfCheck,
    good: Mutex<HashMap<crate::memo::Key, u32>>,
}

/// Open a supplied PDF and count its pages; on failure, why, in words that follow "it".
fn open(bytes: &[u8]) -> Result<u32, String> {
    match hayro_syntax::Pdf::new(std::sync::Arc::new(bytes.to_vec())) {
        Ok(pdf) if pdf.pages().len() > MOST_PAGES => Err(format!(
            "has {} pages, more than the {MOST_PAGES} a supplied PDF may have",
            pdf.pages().len()
        )),
        Ok(pdf) if pdf.pages().is_empty() => Err("has no pages".to_string()),
        Ok(pdf) => Ok(pdf.pages().len() as u32),
        Err(hayro_syntax::LoadPdfError::Decryption(_)) => Err("is encrypted".to_string()),
        Err(hayro_syntax::LoadPdfError::Invalid) => Err("is not a readable PDF".to_string()),
    }
}

/// How to put right a supplied PDF refused for `reason` (as [`SuppliedPdfs::check`] gives it).
pub fn hint(reason: &str) -> &'static str {
    if reason.contains("pages") {
        "publish so long a document as a background paper, linked from the report"
    } else if reason.contains("encrypted") {
        "supply the PDF without a password or restrictions"
    } else {
        "supply the PDF saved afresh (print it to a new PDF), or write the appendix as YAML"
    }
}

impl SuppliedPdfs {
    /// Check supplied PDFs as `how` says.
    pub fn new(how: PdfCheck) -> Self {
        SuppliedPdfs {
            how,
            good: Mutex::new(HashMap::new()),
        }
    }

    /// Check a supplied PDF and count its pages; on failure, why, in words that follow "it".
    pub fn check(&self, bytes: &[u8]) -> Result<u32, String> {
        let PdfCheck::Isolated { program } = &self.how else {
            return open(bytes);
        };
        let key = crate::memo::key(&[bytes]);
        let good = || {
            self.good
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        if let Some(pages) = good().get(&key) {
            return Ok(*pages);
        }
        let pages = check_isolated(program, bytes)?;
        good().insert(key, pages);
        Ok(pages)
    }
}

/// Check a supplied PDF in a child process (`program check-supplied-pdf`).
fn check_isolated(program: &std::path::Path, bytes: &[u8]) -> Result<u32, String> {
    let mut command = Command::new(program);
    command
        .arg("check-supplied-pdf")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit is async-signal-safe and touches only the child being started.
        #[allow(unsafe_code)]
        unsafe {
            command.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: CHECK_MEMORY as libc::rlim_t,
                    rlim_max: CHECK_MEMORY as libc::rlim_t,
                };
                libc::setrlimit(libc::RLIMIT_AS, &limit);
                Ok(())
            });
        }
    }
    let mut child = command
        .spawn()
        .map_err(|error| format!("could not be checked ({error})"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A child that stopped early closes its end; its exit status says why.
        let _ = stdin.write_all(bytes);
    }
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > CHECK_TIME => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "took more than {} s to lay out",
                    CHECK_TIME.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(error) => return Err(format!("could not be checked ({error})")),
        }
    };
    let read = |stream: Option<&mut dyn std::io::Read>| {
        let mut text = String::new();
        if let Some(stream) = stream {
            let _ = stream.read_to_string(&mut text);
        }
        text
    };
    let stdout = read(child.stdout.as_mut().map(|s| s as &mut dyn std::io::Read));
    let stderr = read(child.stderr.as_mut().map(|s| s as &mut dyn std::io::Read));
    let first = stderr.lines().next().unwrap_or_default().trim().to_string();
    match (status.code(), stdout.trim().parse::<u32>()) {
        (Some(0), Ok(pages)) => Ok(pages),
        (Some(1), _) if !first.is_empty() => Err(first),
        _ => Err("crashed the PDF reader, or needed more memory than a PDF may (it may be damaged, or made to harm)".to_string()),
    }
}

/// The check itself, in the child: open the PDF read from standard input and lay out its pages.
/// Returns its number of pages, or why it cannot be used (in words that follow "it").
pub fn check_here(typesetter: &crate::typst_writer::Typesetter) -> Result<u32, String> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin(), crate::input::PDF_LIMIT + 1),
        &mut bytes,
    )
    .map_err(|error| format!("could not be read ({error})"))?;
    let pages = open(&bytes)?;
    crate::typst_writer::lay_out_supplied_pdf(typesetter, bytes, pages).map_err(|errors| {
        let message = errors
            .first()
            .map(|e| e.message.clone())
            .unwrap_or_default();
        format!("cannot be laid out ({message})")
    })?;
    Ok(pages)
}
