//! `complaint-desk`: serve the desk (the default), or manage its users.
//!
//! ```text
//! complaint-desk [serve] [--database PATH|URL] [--listen ADDR] [--secure-cookies] [--demo]
//!                [--no-worker] [--worker-interval SECS] [--worker-batch N]
//!                [--checkpoint-key PATH] [--checkpoint-trusted PATH] [--checkpoint-every SECS]
//! complaint-desk user add NAME --role agent|team_lead|supervisor   (password on stdin)
//! ```
//!
//! The database is an SQLite file, or PostgreSQL for a `postgres://` URL.

use complaint_desk::auth::{random_secret, users};
use complaint_desk::configuration::{self, Settings};
use complaint_desk::database::Database;
use complaint_desk::demo;
use complaint_desk::due_worker::DueClaims;
use complaint_desk::startup::{self, AppState, Backend, DeskStore};
use complaint_desk::telemetry;
use complaint_workflow::time::Zone;
use complaint_workflow::{Policy, Role};
use std::process::ExitCode;
use tokio::io::AsyncBufReadExt;

const USAGE: &str = "usage:
  complaint-desk [serve] [--database PATH|URL] [--listen ADDR] [--secure-cookies] [--demo]
                 [--no-worker] [--worker-interval SECS] [--worker-batch N]
                 [--checkpoint-key PATH] [--checkpoint-trusted PATH] [--checkpoint-every SECS]
  complaint-desk user add NAME --role agent|team_lead|supervisor   (password on stdin)
environment: DATABASE_URL (an SQLite path or a postgres:// URL), DESK_LISTEN,
  DESK_SECURE_COOKIES=1, DESK_WORKER=0, DESK_WORKER_INTERVAL, DESK_WORKER_BATCH,
  DESK_WORKER_LEASE, DESK_WORKER_ID, DESK_CHECKPOINT_KEY, DESK_CHECKPOINT_TRUSTED,
  DESK_CHECKPOINT_EVERY, RUST_LOG";

enum Command {
    Serve { demo: bool },
    AddUser { name: String, role: Role },
}

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("complaint-desk: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut settings = Settings::from_env()?;
    let command = parse(std::env::args().skip(1).collect(), &mut settings)?;
    let backend = startup::open_backend(&settings.database).await?;
    let pool = backend.database();
    match command {
        Command::AddUser { name, role } => {
            let mut line = String::new();
            tokio::io::BufReader::new(tokio::io::stdin())
                .read_line(&mut line)
                .await?;
            let password = line.trim_end_matches(['\r', '\n']);
            users::add(&pool, &name, role, password, settings.password_cost).await?;
            println!("added {name} ({role})");
            Ok(())
        }
        Command::Serve { demo } => match backend {
            Backend::Sqlite(store) => serve(store, pool, settings, demo).await,
            Backend::Postgres(store) => serve(store, pool, settings, demo).await,
        },
    }
}

/// Seeds the demo if asked, then serves with the due-worker until Ctrl-C.
async fn serve<S: DeskStore + DueClaims>(
    store: S,
    pool: Database,
    settings: Settings,
    demo: bool,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let policy = Policy::default();
    if demo {
        seed_users(&pool, &settings).await?;
        seed_month(&store, &policy).await?;
    }
    let listener = tokio::net::TcpListener::bind(settings.listen).await?;
    let url = format!("http://{}", listener.local_addr()?);
    let backend = pool.backend();
    let state = AppState::new(store, pool, policy, settings);
    println!("complaint desk on {url}");
    tracing::info!(%url, backend, "serving");
    startup::run(listener, state, startup::ctrl_c()).await
}

fn parse(args: Vec<String>, settings: &mut Settings) -> Result<Command, String> {
    let mut args = args.into_iter().peekable();
    if args.peek().map(String::as_str) == Some("user") {
        args.next();
        if args.next().as_deref() != Some("add") {
            return Err(USAGE.into());
        }
        let name = args.next().ok_or(USAGE)?;
        if args.next().as_deref() != Some("--role") {
            return Err(USAGE.into());
        }
        let role = args.next().ok_or(USAGE)?;
        let role = Role::ALL
            .into_iter()
            .find(|r| r.name() == role)
            .ok_or_else(|| format!("unknown role `{role}`: agent, team_lead or supervisor"))?;
        return Ok(Command::AddUser { name, role });
    }
    let mut demo = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "serve" => {}
            "--demo" => demo = true,
            "--secure-cookies" => settings.secure_cookies = true,
            "--database" => settings.database = args.next().ok_or(USAGE)?,
            "--no-worker" => settings.worker.enabled = false,
            "--worker-interval" => {
                let value = args.next().ok_or(USAGE)?;
                settings.worker.interval = configuration::seconds(&value).ok_or_else(|| {
                    format!("--worker-interval `{value}`: a positive number of seconds")
                })?;
            }
            "--worker-batch" => {
                let value = args.next().ok_or(USAGE)?;
                settings.worker.batch =
                    value.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        format!("--worker-batch `{value}`: a whole number from 1")
                    })?;
            }
            "--checkpoint-key" => {
                let path = args.next().ok_or(USAGE)?;
                settings.checkpoints.read_key(&path)?;
            }
            "--checkpoint-trusted" => {
                let path = args.next().ok_or(USAGE)?;
                settings.checkpoints.read_trusted(&path)?;
            }
            "--checkpoint-every" => {
                let value = args.next().ok_or(USAGE)?;
                settings.checkpoints.interval =
                    configuration::seconds(&value).ok_or_else(|| {
                        format!("--checkpoint-every `{value}`: a positive number of seconds")
                    })?;
            }
            "--listen" => {
                let listen = args.next().ok_or(USAGE)?;
                settings.listen = listen
                    .parse()
                    .map_err(|e| format!("--listen `{listen}`: {e}"))?;
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(Command::Serve { demo })
}

/// The last whole month of generated complaints (Asia/Shanghai), handled
/// as far as now.
async fn seed_month<S: DeskStore>(
    store: &S,
    policy: &Policy,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let now = chrono::Utc::now();
    let month = demo::Month::before(now, Zone::iana("Asia/Shanghai")?);
    let records = demo::generate(&month, policy, now)?;
    let seeded = demo::seed(store, month.seed, &records).await?;
    println!(
        "demo month {}-{:02}: {} complaints stored, {} stored already",
        month.year, month.month, seeded.stored, seeded.present
    );
    Ok(())
}

/// Three demo users; their passwords are printed once.
async fn seed_users(
    pool: &Database,
    settings: &Settings,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    for (name, role) in [
        ("agent", Role::Agent),
        ("lead", Role::TeamLead),
        ("supervisor", Role::Supervisor),
    ] {
        let password = random_secret()?.chars().take(20).collect::<String>();
        match users::add(pool, name, role, &password, settings.password_cost).await {
            Ok(_) => println!("demo user {name} ({role}), password {password}"),
            Err(users::AddUserError::NameTaken) => println!("demo user {name} exists already"),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
