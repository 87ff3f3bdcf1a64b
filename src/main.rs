//! The `evident` command line: argument parsing only; the work is in the library.

use clap::{Parser, Subcommand, ValueEnum};
use evident::cmd;
use evident::model::Date;
use evident::pipeline::Options;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc for the binary: see `Cargo.toml` for why. The library leaves
/// the choice to the program that uses it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Evident: a static site generator for review reports.
#[derive(Parser)]
#[command(name = "evident", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// `evident actions …`.
#[derive(Subcommand)]
enum ActionsCommand {
    /// Write the status and progress of each action in a tracker sheet
    /// (data/actions.csv, as the service kept it) into the findings' front
    /// matter; nothing else in them changes
    Import {
        /// The sheet, from the current folder
        file: PathBuf,
        /// The review project (the folder holding content/); default: the
        /// nearest folder from here upwards that holds content/report.yaml
        #[arg(long)]
        root: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Validate the content and build the site into output/
    Build {
        /// The review project (the folder holding content/); default: the
        /// nearest folder from here upwards that holds content/report.yaml
        #[arg(long)]
        root: Option<PathBuf>,
        /// Output folder, from the current folder (default: <root>/output,
        /// or for the public edition editions.public.output, else
        /// <root>/output-public)
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Include content marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors
        #[arg(long)]
        strict: bool,
        /// Which edition to build: full (case by case) or public (for wider
        /// circulation: aggregates only, no case ids)
        #[arg(long, value_enum, default_value_t = EditionArg::Full)]
        edition: EditionArg,
        /// An earlier build's output folder to compare with: writes
        /// changes.html (findings added, removed, moved and changed, and
        /// the figures that moved)
        #[arg(long, value_name = "OLD")]
        compare: Option<PathBuf>,
        /// Mark open actions past their due date as overdue on this day
        /// (YYYY-MM-DD; default: the report's `published` date, else none)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Validate the content only; writes nothing
    Check {
        /// The review project (the folder holding content/); default: the
        /// nearest folder from here upwards that holds content/report.yaml
        #[arg(long)]
        root: Option<PathBuf>,
        /// How to print the diagnostics
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Include content marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors
        #[arg(long)]
        strict: bool,
        /// Check as for this edition (public: a case id in prose is an error)
        #[arg(long, value_enum, default_value_t = EditionArg::Full)]
        edition: EditionArg,
    },
    /// Preview the site with live reload; writes nothing
    Serve {
        /// The review project (the folder holding content/); default: the
        /// nearest folder from here upwards that holds content/report.yaml
        #[arg(long)]
        root: Option<PathBuf>,
        /// Port to listen on; the next free one is taken if it is in use (0: any)
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// Address to listen on; anything but loopback shares the review
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Open the site in the system's browser
        #[arg(long)]
        open: bool,
        /// Include content marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Poll for changes (for network shares and WSL mounts)
        #[arg(long)]
        poll: bool,
        /// Do not go to the page showing an edit
        #[arg(long)]
        no_follow: bool,
        /// Mark open actions past their due date as overdue on this day
        /// (YYYY-MM-DD; default: the report's `published` date, else none)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Start a content file from a template (never overwrites one)
    New {
        /// What to create
        #[arg(value_enum)]
        what: NewArg,
        /// File names (for a finding, folders allowed: `assessment/diverse-needs`),
        /// or case ids
        #[arg(required = true)]
        names: Vec<String>,
        /// The review project (the folder holding content/); default: the
        /// nearest folder from here upwards that holds content/report.yaml
        #[arg(long)]
        root: Option<PathBuf>,
        /// The title (default: from the name)
        #[arg(long)]
        title: Option<String>,
        /// A finding's kind (default: the review's first)
        #[arg(long)]
        kind: Option<String>,
        /// A finding's standard or domain ids, comma-separated
        #[arg(long, value_delimiter = ',')]
        criteria: Vec<String>,
        /// The case ids a finding draws on, comma-separated
        #[arg(long, value_delimiter = ',')]
        cases: Vec<String>,
        /// A finding's focus areas (their file names), comma-separated
        #[arg(long, value_delimiter = ',')]
        focus: Vec<String>,
        /// A case's domain (default: the first in scope)
        #[arg(long)]
        domain: Option<String>,
    },
    /// Read a filled factual-accuracy response sheet (data/response.csv)
    /// back: for each comment, whether its paragraph is still there and
    /// whether its text has changed since the sheet was made
    Respond {
        /// The filled sheet, from the current folder
        file: PathBuf,
        /// The review project (the folder holding content/); default: the
        /// nearest folder from here upwards that holds content/report.yaml
        #[arg(long)]
        root: Option<PathBuf>,
        /// The language of the site the sheet came from (default: the
        /// report's first)
        #[arg(long)]
        language: Option<String>,
        /// Include content marked `draft: true`, as the build the sheet
        /// came from did
        #[arg(long)]
        drafts: bool,
    },
    /// Build with --strict and publish into a folder on a share: readers
    /// never see a half-copied site, and earlier versions are kept beside
    /// it as DEST.v<version>
    Publish {
        /// The folder to publish to, from the current folder; Evident
        /// creates it, and replaces only a folder it published
        dest: PathBuf,
        /// The review project (the folder holding content/); default: the
        /// nearest folder from here upwards that holds content/report.yaml
        #[arg(long)]
        root: Option<PathBuf>,
        /// Which edition to publish: full (case by case) or public
        #[arg(long, value_enum, default_value_t = EditionArg::Full)]
        edition: EditionArg,
        /// How many earlier versions to keep beside it
        #[arg(long, value_name = "N", default_value_t = 3)]
        keep: usize,
        /// Also write report-<version>.zip of the site beside it
        #[arg(long)]
        archive: bool,
        /// Mark open actions past their due date as overdue on this day
        /// (YYYY-MM-DD; default: the report's `published` date, else none)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// The action plan's tracker: read the service's updates back
    Actions {
        #[command(subcommand)]
        command: ActionsCommand,
    },
    /// List the built-in criteria frameworks, with their versions and dates
    Frameworks,
    /// Write JSON Schemas of the content files' YAML, for editors
    Schema {
        /// Folder to write them into, from the current folder (default:
        /// <root>/schemas, where `init` points the editor)
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The review project (the folder holding content/); default: the
        /// nearest folder from here upwards that holds content/report.yaml
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Create a new review project
    Init {
        /// Folder to create it in
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The criteria framework to start from (`evident frameworks` lists
        /// them)
        #[arg(long, default_value = evident::embedded::DEFAULT_FRAMEWORK)]
        framework: String,
        /// Add the missing files to a non-empty folder (never overwrites)
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum NewArg {
    Finding,
    Case,
    Page,
    Focus,
}

#[derive(Clone, Copy, ValueEnum)]
enum EditionArg {
    Full,
    Public,
}

impl From<EditionArg> for evident::model::Edition {
    fn from(arg: EditionArg) -> Self {
        match arg {
            EditionArg::Full => evident::model::Edition::Full,
            EditionArg::Public => evident::model::Edition::Public,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

fn main() -> ExitCode {
    // html5ever logs its parse errors (`foster parenting not implemented`)
    // as warnings; they are about the author's raw HTML, which the
    // sanitiser has dealt with, and mean nothing to a reviewer.
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,html5ever=error"),
    )
    .init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                cmd::FAILURE
            } else {
                cmd::OK
            });
        }
    };
    let code = match run(cli.command) {
        Ok(code) | Err(code) => code,
    };
    ExitCode::from(code)
}

/// Run one command; `Err` is the exit status of a failure already printed
/// (no project found).
fn run(command: Command) -> Result<u8, u8> {
    // Each command that works on a project finds it first.
    let project = cmd::project_root;
    Ok(match command {
        Command::Build {
            root,
            output,
            drafts,
            strict,
            edition,
            compare,
            as_of,
        } => cmd::build::run(&cmd::build::BuildArgs {
            root: project(root)?,
            output,
            compare,
            options: Options {
                drafts,
                strict,
                edition: edition.into(),
                as_of,
            },
        }),
        Command::Respond {
            file,
            root,
            language,
            drafts,
        } => cmd::respond::run(
            &file,
            &project(root)?,
            language.as_deref(),
            Options {
                drafts,
                ..Options::default()
            },
        ),
        Command::Check {
            root,
            format,
            drafts,
            strict,
            edition,
        } => {
            let format = match format {
                FormatArg::Text => cmd::check::Format::Text,
                FormatArg::Json => cmd::check::Format::Json,
            };
            cmd::check::run(
                &project(root)?,
                format,
                Options {
                    drafts,
                    strict,
                    edition: edition.into(),
                    as_of: None,
                },
            )
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            poll,
            no_follow,
            as_of,
        } => cmd::serve::run(cmd::serve::ServeOptions {
            root: project(root)?,
            bind,
            port,
            open,
            poll,
            follow: !no_follow,
            options: Options {
                drafts,
                strict: false,
                edition: evident::model::Edition::Full,
                as_of,
            },
        }),
        Command::Init {
            dir,
            force,
            framework,
        } => cmd::init::run(&dir, &framework, force),
        Command::Publish {
            dest,
            root,
            edition,
            keep,
            archive,
            as_of,
        } => cmd::publish::run(&cmd::publish::PublishArgs {
            root: project(root)?,
            dest,
            edition: edition.into(),
            keep,
            archive,
            as_of,
        }),
        Command::Actions {
            command: ActionsCommand::Import { file, root },
        } => cmd::actions::import(&file, &project(root)?),
        Command::Frameworks => cmd::frameworks::run(),
        // A folder given with -o needs no project: the schemas are the
        // same for every review.
        Command::Schema {
            output: Some(output),
            ..
        } => cmd::schema::run(&output),
        Command::Schema { output: None, root } => {
            cmd::schema::run(&project(root)?.join(cmd::schema::DIR))
        }
        Command::New {
            what,
            names,
            root,
            title,
            kind,
            criteria,
            cases,
            focus,
            domain,
        } => cmd::new::run(&cmd::new::NewArgs {
            root: project(root)?,
            kind: match what {
                NewArg::Finding => cmd::new::NewKind::Finding,
                NewArg::Case => cmd::new::NewKind::Case,
                NewArg::Page => cmd::new::NewKind::Page,
                NewArg::Focus => cmd::new::NewKind::Focus,
            },
            names,
            title,
            finding_kind: kind,
            criteria,
            cases,
            focus,
            domain,
        }),
    })
}

/// A date given on the command line (`--as-of 2026-09-30`): read as
/// content dates are, with the same message when it is not one.
fn parse_date(text: &str) -> Result<Date, String> {
    Date::read(text).map_err(|e| e.message(text))
}
